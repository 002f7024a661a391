/**
 * What every IOMMU's walk shares: the request, the reusable trace and result objects, reading an
 * entry from a frame, faults, untranslated results, IOTLB hits and filled leaves. Each IOMMU's
 * structure walk lives in its folder (vtd/, smmu/, amd/); the page tables are walked by radix.ts.
 * Nothing here allocates per request.
 */
import type { EntryCaches } from '../caches.ts';
import type { Iotlb } from '../iotlb.ts';

/** Structure codes in a trace; page-table level L is `PL0 + L`. */
export const Structure = { ROOT: 0, CONTEXT: 1, PASID_DIR: 2, PASID_TABLE: 3, PL0: 4, S1_PL0: 10, S2_PL0: 20 } as const;

/** Translation outcome codes. */
export const Outcome = {
  TRANSLATED: 0,
  NO_CONTEXT: 1,
  NO_PASID: 2,
  NOT_MAPPED: 3,
  WRITE_DENIED: 4,
  READ_DENIED: 5,
  BEYOND_WIDTH: 6,
} as const;

export interface DmaRequest {
  bus: number;
  devfn: number;
  pasid: number; // -1: a request without a PASID prefix
  vpfn: number; // input address >> 12 (exact: < 2^45 for 57-bit addresses)
  offset: number; // input address & 0xfff
  write: boolean;
  /** An ATS translation request (a device with ATS filling its ATC): VT-d then needs DTE. */
  ats?: boolean;
}

/**
 * What the hardware decided at a read (WalkTrace.decision): followed the pointer to the next
 * structure, found the leaf, or stopped there with a fault (entry not present, access denied, or
 * an entry that is present but refuses the request: a bad field, a PASID beyond the table).
 */
export const Decision = { NEXT: 0, LEAF: 1, NOT_PRESENT: 2, DENIED: 3, INVALID: 4 } as const;
export type DecisionCode = (typeof Decision)[keyof typeof Decision];

/** The reads of one walk as (structure, index, entry address, decision), reused across requests. */
export class WalkTrace {
  readonly structure = new Uint8Array(48);
  readonly index = new Float64Array(48);
  readonly addr = new Float64Array(48);
  readonly decision = new Uint8Array(48);
  length = 0;
  push(structure: number, index: number, addr: number): void {
    const n = this.length++;
    this.structure[n] = structure;
    this.index[n] = index;
    this.addr[n] = addr;
    this.decision[n] = Decision.NEXT;
  }
  /** Record what the hardware decided at the last read (NEXT unless told). */
  decide(d: DecisionCode): void {
    if (this.length > 0) this.decision[this.length - 1] = d;
  }
}

export class TranslateResult {
  outcome: number = Outcome.TRANSLATED;
  reason = 0;
  /** A fault the IOMMU records no event for (an SMMUv3 abort STE). */
  silent = false;
  /** Output frame and offset: pa = pfn * 4096 + offset, kept apart so 57-bit pass-through stays exact. */
  pfn = 0;
  offset = 0;
  did = -1;
  pasidTag = 0;
  /** The request passed untranslated (pass-through, bypass, a v1 DTE without translation): no IOTLB entry. */
  passThrough = false;
  level = 0; // leaf level of the translation (1 = 4 KiB)
  hit = false;
  /**
   * Which entry caches the walk looked up, hit or miss (CACHE_HIT bits; set only by `lookupEntry`): the
   * `dma` result's `caches` names exactly these. A walk that stops before a structure (a fault, a
   * pass-through DTE, an AMD-Vi IOTLB hit) never consults its cache.
   */
  cacheLookups = 0;
  /** Which of those lookups hit (CACHE_HIT bits): the walk then skipped those reads. */
  cacheHits = 0;
  /** Of a walked leaf: its input page (in leaf-size units), first frame and effective permissions. */
  leafVpn = 0;
  leafPfn = 0;
  leafRead = false;
  leafWrite = false;
  /**
   * A fault met while translating an intermediate address through stage 2 (a nested walk, or an
   * SMMUv3 stage-2-only STE): that IPA (page-aligned, as the SMMUv3 event's IPA field holds it) and
   * what was being fetched (SMMUv3 CLASS: 0 CD fetch, 1 stage-1 table fetch, 2 the input address).
   */
  stage2 = false;
  ipa = 0;
  ipaClass = 2;
  /**
   * The structure code a nested walk's current run of stage-2 reads is fetching (a guest CD or GCR3 level, an
   * S1 table), or -1 for the final GPA: when stage 2 faults, no read follows that run to say what it served.
   */
  s2Fetch = -1;
}

export const PAGE = 4096;
const EMPTY = new Uint32Array(1024);
/** 4 KiB pages covered by one entry at each level (index = level). */
export const LEVEL_SPAN = [1, 1, 2 ** 9, 2 ** 18, 2 ** 27, 2 ** 36] as const;

/** Frame map of a memory snapshot. */
export type Frames = ReadonlyMap<number, Uint32Array>;

export function frameOf(frames: Frames, addr: number): Uint32Array {
  return frames.get(Math.floor(addr / PAGE)) ?? EMPTY;
}

/**
 * Word index of an entry inside its frame. Addresses are doubles above 2^31, where `%` costs a
 * floating-point remainder call; `&` truncates exactly for integers below 2^53, so it is used instead.
 */
export function wordOf(addr: number): number {
  return (addr & 0xfff) >>> 2;
}

/** Bits of TranslateResult.cacheLookups and cacheHits: the device-level and the PASID-level entry cache. */
export const CACHE_HIT = { CONTEXT: 1, PASID: 2 } as const;

/**
 * Look `key` up in one entry cache (`context`: context entries, STEs, DTEs; `pasid`: PASID entries, CDs,
 * GCR3 entries), recording in `out` that the walk consulted it and whether it hit. The one way a walk
 * reads an entry cache, so the `dma` result's `caches` reports just the lookups made. Null caches
 * (not modelled): nothing is consulted.
 */
export function lookupEntry(
  caches: EntryCaches | null,
  which: 'context' | 'pasid',
  key: number,
  out: TranslateResult,
): readonly number[] | undefined {
  if (caches === null) return undefined;
  const bit = which === 'context' ? CACHE_HIT.CONTEXT : CACHE_HIT.PASID;
  out.cacheLookups |= bit;
  const entry = caches[which].get(key);
  if (entry !== undefined) out.cacheHits |= bit;
  return entry;
}

/** Reset the trace and the per-request fields of a result before a walk. */
export function beginWalk(trace: WalkTrace, out: TranslateResult): void {
  trace.length = 0;
  out.hit = false;
  out.did = -1;
  out.level = 0;
  out.passThrough = false;
  out.cacheLookups = 0;
  out.cacheHits = 0;
  out.silent = false;
  out.stage2 = false;
  out.s2Fetch = -1;
}

export function fault(out: TranslateResult, outcome: number, reason: number): void {
  out.outcome = outcome;
  out.reason = reason;
}

/** A fault decided at the structure read last: record the decision with the fault. */
export function refuse(
  trace: WalkTrace,
  out: TranslateResult,
  outcome: number,
  reason: number,
  decision: DecisionCode,
): void {
  trace.decide(decision);
  fault(out, outcome, reason);
}

/** A walk that ends in a fault part-way: record it and return -1 (the "no frame" answer). */
export function failed(out: TranslateResult, outcome: number, reason: number): number {
  fault(out, outcome, reason);
  return -1;
}

/** An untranslated request (pass-through, bypass): output = input. */
export function passThrough(out: TranslateResult, req: DmaRequest): void {
  out.outcome = Outcome.TRANSLATED;
  out.pfn = req.vpfn;
  out.offset = req.offset;
  out.level = 1;
  out.passThrough = true;
}

/** Answer from the IOTLB when it holds an entry for the page that allows the access. */
export function iotlbHit(iotlb: Iotlb | null, tag: number, req: DmaRequest, out: TranslateResult): boolean {
  if (iotlb === null) return false;
  const slot = iotlb.lookupSlot(tag, out.pasidTag, req.vpfn);
  if (slot < 0 || !iotlb.slotAllows(slot, req.write)) return false;
  const level = iotlb.slotLevel(slot);
  out.outcome = Outcome.TRANSLATED;
  out.hit = true;
  out.pfn = iotlb.slotPfn(slot) + (req.vpfn - iotlb.slotVpn(slot) * LEVEL_SPAN[level]!);
  out.offset = req.offset;
  out.level = level;
  return true;
}

/** Record a walked leaf (level, first frame, permissions) and fill the IOTLB when asked. */
export function finishLeaf(
  out: TranslateResult,
  req: DmaRequest,
  tag: number,
  level: number,
  base: number,
  read: boolean,
  write: boolean,
  iotlb: Iotlb | null,
  fill: boolean,
): void {
  const span = LEVEL_SPAN[level]!;
  out.outcome = Outcome.TRANSLATED;
  out.pfn = base + (req.vpfn - Math.floor(req.vpfn / span) * span);
  out.offset = req.offset;
  out.level = level;
  out.leafVpn = Math.floor(req.vpfn / span);
  out.leafPfn = base;
  out.leafRead = read;
  out.leafWrite = write;
  if (fill && iotlb !== null)
    iotlb.insert({ did: tag, pasid: out.pasidTag, level, vpn: out.leafVpn, pfn: base, read, write });
}
