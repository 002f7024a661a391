/** The initial state of a platform: empty host memory with the IOMMU's root table in it. */
import { smmuDeviceReset } from './smmu/invalidate.ts';
import { Draft } from './draft.ts';
import { fail } from './errors.ts';
import { PAGE_SIZE, formatSize, parseSize } from './hex.ts';
import { EntryCaches } from './caches.ts';
import { Iotlb } from './iotlb.ts';
import { emptyMemory } from './memory.ts';
import type { EngineState, Platform } from './model.ts';
import type { PlatformInput } from './scenario/schema.ts';
import { backendOf } from './iommu/registry.ts';

export const DEFAULT_PLATFORM: Platform = {
  iommu: 'vtd',
  addressWidth: 48,
  hostMemory: 16 * 2 ** 30,
  caches: 'iotlb',
  pageTable: 'v2',
};
const MIN_HOST = 2 ** 20;
const MAX_HOST = 2 ** 40;

/** Resolve a scenario's `platform` (every field optional) into a Platform; EINVAL on bad values. */
export function resolvePlatform(input: PlatformInput | undefined): Platform {
  const size = input?.hostMemory === undefined ? BigInt(DEFAULT_PLATFORM.hostMemory) : parseSize(input.hostMemory);
  if (size === null || size % BigInt(PAGE_SIZE) !== 0n || size < MIN_HOST || size > MAX_HOST) {
    fail(
      'EINVAL',
      `platform.hostMemory must be a multiple of 4KiB from ${formatSize(MIN_HOST)} to ${formatSize(MAX_HOST)}`,
    );
  }
  const iommu = input?.iommu ?? 'vtd';
  const addressWidth = input?.addressWidth ?? DEFAULT_PLATFORM.addressWidth;
  // Stage-1 LPAE with 4 KiB granules stops at 48 bits (52 needs LPA2, not modelled).
  if (iommu === 'smmuv3' && addressWidth === 57)
    fail('EINVAL', `platform.addressWidth 57 is not available on smmuv3 (39 or 48)`);
  // v2 (x86-64) tables are 4-level (48-bit input) or 5-level (57: GuestPagingMode 5-level, amd_iommu_gpt_level).
  if (iommu === 'amd-vi' && addressWidth === 39 && input?.pageTable !== 'v1')
    fail(
      'EINVAL',
      `platform.addressWidth 39 is not available on amd-vi with v2 tables (48: x86-64 4-level, 57: 5-level)`,
    );
  if (iommu === 'amd-vi' && addressWidth === 57 && input?.pageTable === 'v1')
    fail('EINVAL', `platform.addressWidth 57 is not modelled on amd-vi with v1 tables (39 or 48)`);
  const caches = input?.caches ?? 'iotlb';
  const pageTable = input?.pageTable ?? 'v2';
  if (input?.pageTable !== undefined && iommu !== 'amd-vi')
    fail('EINVAL', `platform.pageTable chooses AMD-Vi's table format: set iommu "amd-vi"`);
  return { iommu, addressWidth, hostMemory: Number(size), caches, pageTable };
}

/** A machine with nothing attached: one VT-d unit in scalable mode, its root table allocated. */
export function initialState(platform: Platform = DEFAULT_PLATFORM): EngineState {
  const bare: EngineState = {
    platform,
    memory: emptyMemory(platform.hostMemory),
    rootTable: 0,
    devices: new Map(),
    mdevs: new Map(),
    vms: new Map(),
    domains: new Map(),
    ioasids: new Map(),
    aux: [],
    ioas: new Map(),
    guestTables: new Map(),
    processes: new Map(),
    pasidAttach: [],
    nextObjId: 1,
    usedDids: new Set(),
    usedPasids: new Set(),
    iotlb: new Iotlb(),
    entryCaches: platform.caches === 'all' ? new EntryCaches() : null,
    faults: [],
    faultCount: 0,
    invalidations: [],
    flushQueue: [],
    skipNext: false,
    seq: 0,
  };
  const d = new Draft(bare);
  const rootTable = backendOf(platform).allocRoot(d.mem);
  // The SMMUv3 driver's reset invalidates every cached configuration and TLB entry (arm_smmu_device_reset).
  if (platform.iommu === 'smmuv3') smmuDeviceReset(d);
  return { ...d.commit(), rootTable, seq: 0 };
}
