/**
 * The seam between the ops and an IOMMU's formats. The ops (attach, aux attach, iommufd, dma…)
 * speak in devices, PASIDs and domains; a backend turns that into its own structures in memory and
 * walks them. VT-d scalable mode (vtd/), Arm SMMUv3 (smmu/) and AMD-Vi in v2 mode (amd/) implement it.
 */
import type { EntryCaches } from './caches.ts';
import type { Iotlb } from './iotlb.ts';
import type { MemoryDraft } from './memory.ts';
import type { Domain, Platform } from './model.ts';
import { ARM_LPAE_S1, ARM_LPAE_S2 } from './smmu/layout.ts';
import { allocCdTable, allocStreamTable, clearCd, clearSte, guestCdTable, programSte, setCd } from './smmu/tables.ts';
import { translateSmmu } from './smmu/translate.ts';
import {
  allocDeviceTable,
  allocGcr3Table,
  buildGuestGcr3,
  clearDte,
  clearGcr3,
  programDte,
  setGcr3,
} from './amd/tables.ts';
import { translateAmd } from './amd/translate.ts';
import { AMD_V1 } from './amd/layout.ts';
import { allocNoPasidTable, clearDteV1, programDteV1, setDteV1 } from './amd/v1.ts';
import { VTD_FIRST_STAGE, X86_64_PTE, type TableSpace } from './vtd/firststage.ts';
import { FIRST_DID, FLPT_DEFAULT_DID, levelsOf } from './vtd/layout.ts';
import { VTD_SECOND_STAGE, type PteFormat } from './vtd/pagetable.ts';
import {
  allocPasidDirectory,
  allocRootTable,
  clearContext,
  clearPasidEntry,
  programContext,
  setPasidEntry,
  type DeviceTables,
  type PasidTarget,
} from './vtd/tables.ts';
import {
  Structure,
  translate,
  type DmaRequest,
  type Frames,
  type TranslateResult,
  type WalkTrace,
} from './vtd/translate.ts';

export interface IommuBackend {
  readonly kind: Platform['iommu'];
  /** The first domain tag the driver hands out: VT-d DIDs from 2, SMMU ASIDs from 1. */
  readonly firstTag: number;
  /** The tag an identity domain carries (VT-d FLPT_DEFAULT_DID), or null (SMMU bypass has none). */
  readonly identityTag: number | null;
  /** Page-table format of a paging domain (VT-d: first stage for DMA-API domains; SMMUv3: stage 1, or stage 2 for a NEST_PARENT HWPT). */
  pteOf(dom: Pick<Domain, 'hwpt' | 'type'>): PteFormat;
  /** AMD-Vi v2: IOTLB entries are tagged with each device's DomainID, not the domain's. */
  readonly perDeviceTag: boolean;
  /**
   * AMD-Vi v1: a paging domain's table starts at this many levels (PAGE_MODE_3_LEVEL) and grows
   * when a mapping needs more (io_pgtable.c increase_address_space); null: fixed by the width.
   */
  readonly initialLevels?: number;
  /** AMD-Vi v2: a NEST_PARENT domain is a growing v1 table; its levels at allocation (else `initialLevels`). */
  initialLevelsOf?(dom: Pick<Domain, 'hwpt' | 'type'>): number | undefined;
  /** Whether a domain's IOTLB entries carry each device's tag (default: `perDeviceTag`). */
  deviceTagged?(dom: Pick<Domain, 'hwpt' | 'type'>): boolean;
  /** What this backend models beyond paging domains. */
  readonly supports: { readonly nested: boolean; readonly sva: boolean };
  /**
   * The format of first-stage tables the IOMMU shares with a CPU: a host process's (SVA) and a
   * guest's (nested). Default x86-64 (VT-d, AMD-Vi); SMMUv3 walks Arm LPAE stage-1 tables.
   */
  readonly stage1Pte?: PteFormat;
  /** Levels of those tables when fixed by the CPU rather than the platform width (arm64 VA_BITS 48: 4). */
  readonly stage1Levels?: number;
  /**
   * Nested translation where the guest keeps its context table in its own RAM (SMMUv3: the CD table
   * that the vSTE's S1ContextPtr names): build it in `space` pointing at the guest's stage-1 root,
   * tagged `tag`, and return its guest-physical address. Absent when the host holds it (VT-d).
   */
  guestContext?(space: TableSpace, s1Root: number, tag: number): number;
  /** Boot: the unit's root structure (root table / stream table). */
  allocRoot(mem: MemoryDraft): number;
  /** Probe: the device's PASID structure (PASID directory / CD table) and its size field. */
  allocPasidTable(
    mem: MemoryDraft,
    pasidCap: boolean,
    pasidBits: number,
    what: string,
  ): { pasidDir: number; pdts: number };
  /** Make the device's entry present (context entry / STE). */
  programDevice(mem: MemoryDraft, root: number, dev: DeviceTables): void;
  clearDevice(mem: MemoryDraft, root: number, dev: DeviceTables): void;
  setPasid(mem: MemoryDraft, root: number, dev: DeviceTables, pasid: number, target: PasidTarget): void;
  clearPasid(mem: MemoryDraft, root: number, dev: DeviceTables, pasid: number): void;
  /** The walk; `caches` (context/PASID caches) is used by VT-d when the platform models them. */
  translate(
    frames: Frames,
    root: number,
    req: DmaRequest,
    iotlb: Iotlb | null,
    fill: boolean,
    trace: WalkTrace,
    out: TranslateResult,
    caches?: EntryCaches | null,
  ): void;
  /** Names of the walk's structures, as MODEL.md prints them. */
  structureName(code: number): string;
  /** Entry size in 32-bit words, by structure code. */
  entryWords(code: number): number;
}

/**
 * Linux allocates the DMA API's domains first stage on VT-d hardware with both stages (iommu.c
 * first_level_by_default; PGTT 001, x86-64 format), and UNMANAGED ones (VFIO, aux, a VM's GPA
 * space) second stage since 5.15 ("use second level for GPA->HPA translation"), as NEST_PARENT.
 */
function firstStageType(type: Domain['type']): boolean {
  return type === 'DMA' || type === 'DMA_FQ';
}

/** Whether a paging domain of this platform is a VT-d first-stage (x86-64 format) domain. */
export function isFirstStageDomain(platform: Pick<Platform, 'iommu'>, dom: Pick<Domain, 'type'>): boolean {
  return platform.iommu === 'vtd' && firstStageType(dom.type);
}

/**
 * Levels of a paging domain's table: x86-64 first stage has 4 levels (5 with a 57-bit platform,
 * FLPM = 1) even on a 39-bit unit; other tables follow the platform's width. An AMD-Vi v1 table
 * records its own level count (it grows, increase_address_space).
 */
export function domainLevels(
  platform: Pick<Platform, 'iommu' | 'addressWidth'>,
  dom: Pick<Domain, 'type' | 'levels'>,
): number {
  if (dom.levels !== undefined) return dom.levels;
  if (isFirstStageDomain(platform, dom)) return platform.addressWidth === 57 ? 5 : 4;
  return levelsOf(platform.addressWidth);
}

/**
 * The IOVA width a paging domain accepts: "first-level translation restricts the input-address to a
 * canonical address", so the kernel sets a first-stage domain's aperture_end to
 * __DOMAIN_MAX_ADDR(gaw - 1) (iommu.c, paging domain allocation): one bit less than the width.
 */
export function domainWidth(platform: Pick<Platform, 'iommu' | 'addressWidth'>, dom: Pick<Domain, 'type'>): number {
  return isFirstStageDomain(platform, dom) ? platform.addressWidth - 1 : platform.addressWidth;
}

function pageLevelName(code: number): string {
  if (code >= Structure.S2_PL0) return `s2-pl${code - Structure.S2_PL0}`;
  if (code >= Structure.S1_PL0) return `s1-pl${code - Structure.S1_PL0}`;
  return `pl${code - Structure.PL0}`;
}

const VTD_NAMES = ['root', 'context', 'pasid-dir', 'pasid-table'];
const VTD_WORDS = [4, 8, 2, 16];
const SMMU_NAMES = ['ste-l1', 'ste', 'cd-l1', 'cd'];
const SMMU_WORDS = [2, 16, 2, 16];

export const VTD: IommuBackend = {
  kind: 'vtd',
  firstTag: FIRST_DID,
  identityTag: FLPT_DEFAULT_DID,
  pteOf: (dom) => (firstStageType(dom.type) ? VTD_FIRST_STAGE : VTD_SECOND_STAGE),
  perDeviceTag: false,
  supports: { nested: true, sva: true },
  allocRoot: allocRootTable,
  allocPasidTable: allocPasidDirectory,
  programDevice: programContext,
  clearDevice: clearContext,
  setPasid: (mem, _root, dev, pasid, target) => setPasidEntry(mem, dev, pasid, target),
  clearPasid: (mem, _root, dev, pasid) => clearPasidEntry(mem, dev, pasid),
  translate,
  structureName: (code) => VTD_NAMES[code] ?? pageLevelName(code),
  entryWords: (code) => VTD_WORDS[code] ?? 2,
};

export const SMMUV3: IommuBackend = {
  kind: 'smmuv3',
  firstTag: 1,
  identityTag: null,
  pteOf: (dom) => (dom.hwpt?.nestParent ? ARM_LPAE_S2 : ARM_LPAE_S1),
  perDeviceTag: false,
  supports: { nested: true, sva: true },
  stage1Pte: ARM_LPAE_S1,
  stage1Levels: 4,
  guestContext: guestCdTable,
  allocRoot: allocStreamTable,
  allocPasidTable: allocCdTable,
  programDevice: programSte,
  clearDevice: clearSte,
  setPasid: setCd,
  clearPasid: clearCd,
  translate: translateSmmu,
  structureName: (code) => SMMU_NAMES[code] ?? pageLevelName(code),
  entryWords: (code) => SMMU_WORDS[code] ?? 2,
};

const AMD_NAMES = ['dte', '', 'gcr3-l1', 'gcr3'];
const AMD_WORDS = [8, 2, 2, 2];
/** A NEST_PARENT domain and the nested domains over it carry their own DomainID (a v1 DTE's). */
const ownTag = (dom: Pick<Domain, 'hwpt' | 'type'>): boolean => dom.type === 'NESTED' || dom.hwpt?.nestParent === true;

export const AMD_VI: IommuBackend = {
  kind: 'amd-vi',
  firstTag: 1,
  identityTag: null,
  // Nesting needs a v1 host table (amd_iommu_domain_alloc_paging_flags: NEST_PARENT → PD_MODE_V1).
  pteOf: (dom) => (dom.hwpt?.nestParent ? AMD_V1 : X86_64_PTE),
  perDeviceTag: true,
  initialLevelsOf: (dom) => (dom.hwpt?.nestParent ? 3 : undefined),
  deviceTagged: (dom) => !ownTag(dom),
  guestContext: buildGuestGcr3,
  supports: { nested: true, sva: true },
  allocRoot: allocDeviceTable,
  allocPasidTable: allocGcr3Table,
  programDevice: programDte,
  clearDevice: clearDte,
  setPasid: setGcr3,
  clearPasid: clearGcr3,
  translate: translateAmd,
  structureName: (code) => AMD_NAMES[code] || pageLevelName(code),
  entryWords: (code) => AMD_WORDS[code] ?? 2,
};

/** AMD-Vi with v1 host page tables (the Linux default): DTE → v1 levels, no PASIDs; nested adds the guest's GCR3. */
export const AMD_VI_V1: IommuBackend = {
  kind: 'amd-vi',
  firstTag: 1,
  identityTag: null,
  pteOf: () => AMD_V1,
  perDeviceTag: false,
  initialLevels: 3,
  guestContext: buildGuestGcr3,
  supports: { nested: true, sva: false },
  allocRoot: allocDeviceTable,
  allocPasidTable: allocNoPasidTable,
  programDevice: programDteV1,
  clearDevice: clearDte,
  setPasid: setDteV1,
  clearPasid: clearDteV1,
  translate: translateAmd,
  structureName: (code) => AMD_NAMES[code] || pageLevelName(code),
  entryWords: (code) => AMD_WORDS[code] ?? 2,
};

export function backendOf(
  platform: Pick<Platform, 'iommu'> & { readonly pageTable?: Platform['pageTable'] },
): IommuBackend {
  if (platform.iommu === 'amd-vi') return platform.pageTable === 'v1' ? AMD_VI_V1 : AMD_VI;
  return platform.iommu === 'smmuv3' ? SMMUV3 : VTD;
}
