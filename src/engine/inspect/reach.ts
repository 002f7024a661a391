/**
 * What the guided forms offer, read from a state: ids not yet taken, a free BDF, a parent's WQs under
 * the names idxd gives them, and the mapped ranges a device's DMA can reach (so a traced DMA lands on
 * a mapping by default). Pure: the views only render these lists.
 */
import { attachedDomain } from '../ops/dma.ts';
import type { EngineState, Mapping } from '../model.ts';

const PAGE = 4096;
/** A page number as a byte address in hex (bigint: 57-bit addresses exceed 2^53). */
const pageHex = (pfn: number) => `0x${(BigInt(pfn) * 4096n).toString(16)}`;

/** Every id a command can name (MODEL.md: ids are unique across all objects). */
export function takenIds(state: EngineState): Set<string> {
  return new Set<string>([
    ...state.devices.keys(),
    ...state.mdevs.keys(),
    ...state.vms.keys(),
    ...state.domains.keys(),
    ...state.ioasids.keys(),
    ...state.ioas.keys(),
    ...state.guestTables.keys(),
    ...state.processes.keys(),
  ]);
}

/** The first `<prefix><n>` (n counting from `from`) that names nothing yet: dsa0, vm1, domain2… */
export function nextFreeId(state: EngineState, prefix: string, from = 1): string {
  const taken = takenIds(state);
  let n = from;
  while (taken.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** The first BDF on bus 0x6a (where the seed's DSA sits) whose device number is not taken. */
export function nextFreeBdf(state: EngineState, bus = 0x6a): string {
  const taken = new Set([...state.devices.values()].map((d) => d.bdf));
  for (let dev = 1; dev < 32; dev++) {
    const bdf = `0000:${bus.toString(16).padStart(2, '0')}:${dev.toString(16).padStart(2, '0')}.0`;
    if (!taken.has(bdf)) return bdf;
  }
  return `0000:${(bus + 1).toString(16).padStart(2, '0')}:01.0`;
}

/**
 * idxd's name for a WQ: `wq<device>.<wq>` (drivers/dma/idxd/sysfs.c: "wq%d.%d", idxd->id, wq->id), so
 * dsa0's queues are wq0.0, wq0.1, …; the 2021 thread's WQ1–WQ3 are wq0.0–wq0.2. The device number is
 * the one in its id (dsa1 → 1), else its rank among the parents.
 */
export function wqName(state: EngineState, device: string, wq: number): string {
  return wqNamer(state)(device, wq);
}

/**
 * `wqName` for many WQs of one state: the parents' ranks are read once (topologyOf names every WQ
 * and mdev of a 512-parent fleet; rebuilding the parent list per WQ was quadratic).
 */
export function wqNamer(state: EngineState): (device: string, wq: number) => string {
  let rank: Map<string, number> | null = null;
  return (device, wq) => {
    const digits = /(\d+)$/.exec(device)?.[1];
    if (digits !== undefined) return `wq${Number(digits)}.${wq}`;
    if (rank === null) {
      rank = new Map();
      for (const d of state.devices.values()) if (d.kind === 'parent') rank.set(d.id, rank.size);
    }
    return `wq${rank.get(device) ?? 0}.${wq}`;
  };
}

export interface WqChoice {
  readonly wq: number;
  readonly name: string;
  /** "free", "host driver" or "mdev1". */
  readonly use: string;
  readonly free: boolean;
}

/** A parent's WQs with their idxd names and what uses each (empty for an unknown device or a pdev). */
export function wqChoices(state: EngineState, device: string): WqChoice[] {
  const dev = state.devices.get(device);
  if (dev === undefined) return [];
  const nameOf = wqNamer(state);
  return dev.wqs.map((use, wq) => ({
    wq,
    name: nameOf(device, wq),
    use: use.by === 'free' ? 'free' : use.by === 'host' ? 'host driver' : use.mdev,
    free: use.by === 'free',
  }));
}

export interface MappedRange {
  readonly iova: string;
  readonly size: number;
  readonly pa: string;
  readonly prot: 'r' | 'w' | 'rw';
}

export interface DmaTarget {
  /** The PASID the request carries; null for a request without one (the RID's domain). */
  readonly pasid: number | null;
  readonly domain: string;
  readonly ranges: readonly MappedRange[];
}

function rangesOf(mappings: readonly Mapping[]): MappedRange[] {
  return mappings.map((m) => ({
    iova: pageHex(m.iovaPfn),
    size: m.pages * PAGE,
    pa: pageHex(m.pfn),
    prot: m.read && m.write ? 'rw' : m.write ? 'w' : 'r',
  }));
}

/**
 * The domain a request from `device` at `pasid` (null: no PASID) reaches in `state`, as the `dma` op resolves
 * it (ops/dma.ts `attachedDomain`): an mdev's request is its parent's. Resolved against this state, so for a
 * fault record it may differ from the domain at the time of the fault. Null for an unknown device.
 */
export function requesterDomain(state: EngineState, device: string, pasid: number | null): string | null {
  const mdev = state.mdevs.get(device);
  const dev = state.devices.get(mdev ? mdev.parent : device);
  return dev === undefined ? null : attachedDomain(state, dev, pasid ?? -1);
}

/**
 * The mapped ranges a device's DMA reaches, per (PASID, domain) as dma.ts resolves them: an mdev's
 * requests carry the PASID its WQ was programmed with; a pdev or parent reaches its RID's (primary)
 * domain without a PASID and every domain attached at one of its PASIDs. Domains translated through
 * a first-stage table (nested, SVA) keep no mappings of their own and list no ranges here.
 */
export function dmaTargets(state: EngineState, device: string): DmaTarget[] {
  const out: DmaTarget[] = [];
  const push = (pasid: number | null, domain: string | null) => {
    const dom = domain === null ? undefined : state.domains.get(domain);
    if (dom !== undefined && !out.some((t) => t.domain === dom.id && t.pasid === pasid))
      out.push({ pasid, domain: dom.id, ranges: rangesOf(dom.mappings) });
  };
  const mdev = state.mdevs.get(device);
  if (mdev !== undefined) {
    const parent = state.devices.get(mdev.parent);
    const pasid = parent?.wqPasid[mdev.wq] ?? null;
    if (parent !== undefined && pasid !== null) push(pasid, attachedDomain(state, parent, pasid));
    return out;
  }
  const dev = state.devices.get(device);
  if (dev === undefined) return out;
  push(null, attachedDomain(state, dev, -1));
  const pasids = new Set<number>();
  for (const a of state.pasidAttach) if (a.device === device) pasids.add(a.pasid);
  for (const a of state.aux) {
    const p = a.device === device ? state.domains.get(a.domain)?.auxPasid : null;
    if (p !== null && p !== undefined) pasids.add(p);
  }
  for (const p of [...pasids].sort((a, b) => a - b)) push(p, attachedDomain(state, dev, p));
  return out;
}

/** The first 4 KiB-aligned IOVA past a domain's last mapping (0 when it maps nothing): a map there cannot overlap. */
export function nextFreeIova(state: EngineState, domain: string): string {
  const maps = state.domains.get(domain)?.mappings ?? [];
  const last = maps[maps.length - 1];
  return last === undefined ? '0x0' : pageHex(last.iovaPfn + last.pages);
}

const GIB = 2 ** 30;

/**
 * A host range for a VM's RAM like the seed's (vm1 at 1 GiB, vm2 at 2 GiB): the lowest multiple of
 * 1 GiB (of the size, when smaller) from 1 GiB up that overlaps no VM's RAM and stays below the
 * structures the engine allocates from the top of memory. Null when none fits (the engine then
 * places the RAM itself).
 */
export function nextFreeRamBase(state: EngineState, size: number): string | null {
  const align = size >= GIB ? GIB : 2 ** Math.ceil(Math.log2(Math.max(size, PAGE)));
  const limit = state.memory.top * PAGE;
  for (let base = Math.max(align, GIB); base + size <= limit; base += align) {
    if (!state.memory.ram.some((r) => base < r.base + r.size && r.base < base + size)) return `0x${base.toString(16)}`;
  }
  return null;
}
