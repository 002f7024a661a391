/**
 * Workloads for design reviews: a stream of DMAs from one requester (an mdev copying N bytes
 * sequentially or at random pages) run straight through the hardware walk with an IOTLB of a chosen
 * size. Reports walks, memory reads per DMA, IOTLB hit rate and faults, and compares page sizes and
 * IOTLB sizes side by side. Pure and deterministic: "random" uses a seeded generator; the state is
 * not changed (the stream gets its own IOTLB).
 */
import { applyCommand } from './commands.ts';
import { fail } from './errors.ts';
import { Iotlb } from './iotlb.ts';
import type { EngineState } from './model.ts';
import { resolvePlatform, initialState } from './state.ts';
import { Outcome, TranslateResult, WalkTrace, type DmaRequest } from './iommu/walk.ts';
import { backendOf } from './iommu/registry.ts';
import type { Command } from './scenario/schema.ts';

export interface WorkloadSpec {
  readonly device: string; // pdev, parent or mdev
  readonly pasid?: number;
  readonly iova: bigint; // start of the buffer
  readonly bytes: number; // buffer size
  readonly dmas: number; // how many requests
  readonly pattern: 'sequential' | 'random';
  readonly stride?: number; // bytes per request (default 64: one DSA descriptor-sized access)
  readonly write?: boolean;
  readonly iotlbEntries: number;
  readonly seed?: number;
}

export interface WorkloadStats {
  readonly dmas: number;
  readonly walks: number; // IOTLB misses that walked the page table
  readonly hits: number;
  readonly faults: number;
  readonly memoryReads: number;
  readonly readsPerDma: number;
  readonly hitRate: number;
}

/** mulberry32: a tiny seeded generator, so a workload is reproducible from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Run a DMA stream against a state (which is not changed). */
export function runWorkload(state: EngineState, spec: WorkloadSpec): WorkloadStats {
  const mdev = state.mdevs.get(spec.device);
  const dev = state.devices.get(mdev ? mdev.parent : spec.device);
  if (!dev) fail('ENOENT', `no device named "${spec.device}"`);
  const pasid = mdev ? (dev.wqPasid[mdev.wq] ?? null) : (spec.pasid ?? -1);
  if (pasid === null) fail('EINVAL', `mdev ${spec.device} has never been given a PASID`);
  const stride = spec.stride ?? 64;
  const slots = Math.max(1, Math.floor(spec.bytes / stride));
  const random = seededRandom(spec.seed ?? 1);
  const iotlb = new Iotlb(spec.iotlbEntries);
  const trace = new WalkTrace();
  const out = new TranslateResult();
  const baseVpfn = Number(spec.iova >> 12n);
  const baseOff = Number(spec.iova & 0xfffn);
  const req: DmaRequest = { bus: dev.bus, devfn: dev.devfn, pasid, vpfn: 0, offset: 0, write: spec.write ?? false };
  let walks = 0;
  let hits = 0;
  let faults = 0;
  let reads = 0;
  const hw = backendOf(state.platform);
  for (let i = 0; i < spec.dmas; i++) {
    const slot = spec.pattern === 'sequential' ? i % slots : Math.floor(random() * slots);
    const off = baseOff + slot * stride;
    req.vpfn = baseVpfn + Math.floor(off / 4096);
    req.offset = off % 4096;
    hw.translate(state.memory.frames, state.rootTable, req, iotlb, true, trace, out);
    reads += trace.length;
    if (out.outcome !== Outcome.TRANSLATED) faults++;
    else if (out.hit) hits++;
    else walks++;
  }
  return {
    dmas: spec.dmas,
    walks,
    hits,
    faults,
    memoryReads: reads,
    readsPerDma: reads / spec.dmas,
    hitRate: hits / spec.dmas,
  };
}

export interface DesignRow extends WorkloadStats {
  readonly pageSize: '4KiB' | '2MiB' | '1GiB';
  readonly iotlbEntries: number;
}

/**
 * Compare page sizes and IOTLB sizes for one access pattern: a fresh machine maps the buffer with
 * 4 KiB, 2 MiB or 1 GiB leaves (by choosing aligned or misaligned physical addresses) and runs the
 * same stream against each IOTLB size.
 */
export function compareDesigns(opts: {
  readonly bytes: number;
  readonly dmas: number;
  readonly pattern: 'sequential' | 'random';
  readonly iotlbSizes: readonly number[];
  readonly pageSizes?: readonly ('4KiB' | '2MiB' | '1GiB')[];
  readonly seed?: number;
  readonly stride?: number;
}): DesignRow[] {
  const rows: DesignRow[] = [];
  const GiB = 2 ** 30;
  const mapBytes = Math.ceil(opts.bytes / GiB) * GiB;
  for (const pageSize of opts.pageSizes ?? (['4KiB', '2MiB', '1GiB'] as const)) {
    // Physical base: 1 GiB-aligned for 1 GiB leaves, 2 MiB-aligned (not 1 GiB) for 2 MiB, 4 KiB off for 4 KiB.
    const pa = pageSize === '1GiB' ? 4 * GiB : pageSize === '2MiB' ? 4 * GiB + 2 ** 21 : 4 * GiB + 4096;
    let s = initialState(resolvePlatform({ hostMemory: '64GiB' }));
    const cmds: Command[] = [
      { op: 'addDevice', id: 'dev', bdf: '0000:3b:00.0', kind: 'pdev' },
      { op: 'allocDomain', id: 'd', type: 'UNMANAGED' },
      { op: 'attach', domain: 'd', device: 'dev' },
      { op: 'map', domain: 'd', iova: '0x40000000', pa: '0x' + pa.toString(16), size: mapBytes, prot: 'rw' },
    ];
    for (const c of cmds) {
      const r = applyCommand(s, c);
      if (!r.ok) fail(r.error.code, r.error.message);
      s = r.state;
    }
    for (const iotlbEntries of opts.iotlbSizes) {
      const stats = runWorkload(s, {
        device: 'dev',
        iova: 0x40000000n,
        bytes: opts.bytes,
        dmas: opts.dmas,
        pattern: opts.pattern,
        iotlbEntries,
        ...(opts.seed === undefined ? {} : { seed: opts.seed }),
        ...(opts.stride === undefined ? {} : { stride: opts.stride }),
      });
      rows.push({ ...stats, pageSize, iotlbEntries });
    }
  }
  return rows;
}
