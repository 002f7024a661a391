/**
 * The SMMUv3 walk of one transaction (SMMUv3 spec §3.3 "Data structures and translation
 * procedure"): L1 stream-table descriptor → STE → (SubstreamID, or CD 0 for untagged traffic via
 * S1DSS) → L1 CD descriptor → CD → the Arm LPAE stage-1 table from TTB0, with the IOTLB tagged
 * (ASID, SSID, page). Faults carry the SMMU event numbers (C_BAD_STE 0x04, C_BAD_SUBSTREAMID 0x08,
 * C_BAD_CD 0x0a, F_TRANSLATION 0x10, F_PERMISSION 0x13). The trace uses the same structure codes
 * as VT-d, named ste-l1, ste, cd-l1, cd by the backend.
 *
 * With `platform.caches: "all"` the SMMU's configuration cache answers for STEs (by StreamID) and
 * CDs (by StreamID and SubstreamID) until CMD_CFGI_STE / CMD_CFGI_CD drop them (spec §4.3.1), and a
 * nested STE (Config = S1+S2) walks the guest's CD table and stage-1 tables as IPAs, each read
 * first translated through stage 2 (spec §3.3.2 "nested translation"): those reads are named
 * `s2-pl…` and the guest's stage-1 levels `s1-pl…`, as VT-d names its nested walk.
 */
import { EntryCaches } from '../caches.ts';
import type { Iotlb } from '../iotlb.ts';
import { walkNested, walkRadix } from '../iommu/radix.ts';
import {
  Decision,
  PAGE,
  Outcome,
  Structure,
  beginWalk,
  finishLeaf,
  refuse,
  frameOf,
  iotlbHit,
  lookupEntry,
  passThrough,
  wordOf,
  TranslateResult,
  WalkTrace,
  type DmaRequest,
  type Frames,
} from '../iommu/walk.ts';
import {
  ARM_LPAE_S1,
  ARM_LPAE_S2,
  CD_L1_DESC_SIZE,
  CD_SIZE,
  CD_T0SZ_MASK,
  CD_V,
  CTXDESC_SPLIT,
  SmmuEvent,
  STE_CFG,
  STE_CFG_SHIFT,
  STE_S1FMT,
  STE_S1FMT_SHIFT,
  STE_S1CDMAX_SHIFT_HI,
  STE_SIZE,
  STE_V,
  STRTAB_L1_DESC_SIZE,
} from './layout.ts';

export { SmmuEvent } from './layout.ts';

function ptr(lo: number, hi: number, loMask: number): number {
  return (hi & 0xfffff) * 2 ** 32 + ((lo & loMask) >>> 0);
}

export function translateSmmu(
  frames: Frames,
  streamTable: number,
  req: DmaRequest,
  iotlb: Iotlb | null,
  fill: boolean,
  trace: WalkTrace,
  out: TranslateResult,
  caches: EntryCaches | null = null,
): void {
  beginWalk(trace, out);
  const sid = (req.bus << 8) | req.devfn;

  // STE: from the configuration cache, or the L1 descriptor (StreamID[15:8]) then the L2 table.
  let ste: ArrayLike<number>;
  let s: number;
  const steCached = lookupEntry(caches, 'context', sid, out);
  if (steCached !== undefined) {
    ste = steCached;
    s = 0;
  } else {
    const l1 = streamTable + req.bus * STRTAB_L1_DESC_SIZE;
    trace.push(Structure.ROOT, req.bus, l1);
    let f = frameOf(frames, l1);
    let w = wordOf(l1);
    if ((f[w]! & 0x1f) === 0)
      return refuse(trace, out, Outcome.NO_CONTEXT, SmmuEvent.C_BAD_STREAMID, Decision.NOT_PRESENT);
    const steAddr = ptr(f[w]!, f[w + 1]!, 0xffffffc0) + req.devfn * STE_SIZE;
    trace.push(Structure.CONTEXT, req.devfn, steAddr);
    f = frameOf(frames, steAddr);
    w = wordOf(steAddr);
    if ((f[w]! & STE_V) === 0) return refuse(trace, out, Outcome.NO_CONTEXT, SmmuEvent.C_BAD_STE, Decision.NOT_PRESENT);
    // Only valid STEs are cached (spec §4.3.1: a configuration cache never holds an invalid structure).
    if (caches !== null && fill) caches.context.set(sid, Array.from(f.subarray(w, w + STE_SIZE / 4)));
    ste = f;
    s = w;
  }
  const lo = ste[s]!;
  const cfg = (lo >>> STE_CFG_SHIFT) & 0b111;
  out.pasidTag = req.pasid >= 0 ? req.pasid : 0;
  if (cfg === STE_CFG.BYPASS) return passThrough(out, req);
  if (cfg === STE_CFG.S2_TRANS) return walkStage2Ste(ste, s, req, iotlb, fill, trace, out, frames);
  // An abort STE (the blocking domain, arm_smmu_make_abort_ste) aborts the transaction without
  // reading a CD and without recording an event.
  if (cfg === STE_CFG.ABORT) {
    out.silent = true;
    return refuse(trace, out, Outcome.NO_PASID, 0, Decision.DENIED);
  }
  if (cfg !== STE_CFG.S1_TRANS && cfg !== STE_CFG.NESTED)
    return refuse(trace, out, Outcome.NO_CONTEXT, SmmuEvent.C_BAD_STE, Decision.INVALID);
  const nested = cfg === STE_CFG.NESTED;
  // Stage 2 of a nested STE (S2VMID, VTCR.T0SZ, S2TTB): every CD and stage-1 table address is an IPA.
  const s2 = nested ? ptr(ste[s + 6]!, ste[s + 7]!, 0xfffffff0) : -1;
  const s2Levels = nested ? levelsOfWidth(64 - (ste[s + 5]! & 0x3f)) : 0;
  const s1fmt = (lo >>> STE_S1FMT_SHIFT) & 0b11;
  const cdTable = ptr(lo, ste[s + 1]!, 0xffffffc0);
  const cdMax = ste[s + 1]! >>> STE_S1CDMAX_SHIFT_HI;
  // Untagged traffic: S1DSS = 0b10 sends it to CD 0 (Linux's choice; RID traffic = SSID 0),
  // 0b01 lets it bypass (an identity RID while PASIDs use the CD table), 0b00 terminates it.
  const ssid = req.pasid >= 0 ? req.pasid : 0;
  if (req.pasid < 0) {
    const s1dss = ste[s + 2]! & 0b11;
    if (s1dss === 0b01) return passThrough(out, req);
    if (s1dss !== 0b10) return refuse(trace, out, Outcome.NO_PASID, SmmuEvent.C_BAD_SUBSTREAMID, Decision.DENIED);
  }
  if (ssid >= 2 ** cdMax) return refuse(trace, out, Outcome.NO_PASID, SmmuEvent.C_BAD_SUBSTREAMID, Decision.INVALID);

  // Context descriptor: from the configuration cache, or the (L1 descriptor and) CD table.
  let cd: ArrayLike<number>;
  let c: number;
  const cdKey = EntryCaches.pasidKey(sid, ssid);
  const cdCached = lookupEntry(caches, 'pasid', cdKey, out);
  if (cdCached !== undefined) {
    cd = cdCached;
    c = 0;
  } else {
    let cdAddr: number;
    if (s1fmt === STE_S1FMT.LINEAR) {
      cdAddr = cdTable + ssid * CD_SIZE;
    } else {
      const cdl1Ipa = cdTable + (ssid >>> CTXDESC_SPLIT) * CD_L1_DESC_SIZE;
      const cdl1 = toPa(frames, cdl1Ipa, s2, s2Levels, trace, out, Structure.PASID_DIR);
      if (cdl1 < 0) return;
      trace.push(Structure.PASID_DIR, ssid >>> CTXDESC_SPLIT, cdl1);
      const f = frameOf(frames, cdl1);
      const w = wordOf(cdl1);
      if ((f[w]! & 1) === 0) return refuse(trace, out, Outcome.NO_PASID, SmmuEvent.C_BAD_CD, Decision.NOT_PRESENT);
      cdAddr = ptr(f[w]!, f[w + 1]!, 0xfffff000) + (ssid & ((1 << CTXDESC_SPLIT) - 1)) * CD_SIZE;
    }
    cdAddr = toPa(frames, cdAddr, s2, s2Levels, trace, out, Structure.PASID_TABLE);
    if (cdAddr < 0) return;
    trace.push(Structure.PASID_TABLE, ssid & ((1 << CTXDESC_SPLIT) - 1), cdAddr);
    const f = frameOf(frames, cdAddr);
    const w = wordOf(cdAddr);
    if ((f[w]! & CD_V) === 0) return refuse(trace, out, Outcome.NO_PASID, SmmuEvent.C_BAD_CD, Decision.NOT_PRESENT);
    if (caches !== null && fill) caches.pasid.set(cdKey, Array.from(f.subarray(w, w + CD_SIZE / 4)));
    cd = f;
    c = w;
  }

  // TCR (T0SZ), ASID, TTB0.
  const width = 64 - (cd[c]! & CD_T0SZ_MASK);
  const asid = cd[c + 1]! >>> 16;
  out.did = asid;
  if (req.vpfn >= 2 ** (width - 12))
    return refuse(trace, out, Outcome.BEYOND_WIDTH, SmmuEvent.F_TRANSLATION, Decision.INVALID);
  if (iotlbHit(iotlb, asid, req, out)) return;
  const ttb0 = ptr(cd[c + 2]!, cd[c + 3]!, 0xfffffff0);
  // Arm LPAE stage 1 from TTB0: level `levels` is the table's L0 (48-bit) or L1 (39-bit); nested,
  // every table address and the output are IPAs translated through stage 2 first.
  const pfn = nested
    ? walkNested(
        frames,
        ARM_LPAE_S1,
        ttb0,
        levelsOfWidth(width),
        ARM_LPAE_S2,
        s2,
        s2Levels,
        Infinity,
        req.vpfn,
        req.write,
        trace,
        out,
      )
    : walkRadix(frames, ARM_LPAE_S1, ttb0, levelsOfWidth(width), req.vpfn, req.write, trace, Structure.PL0, out);
  if (pfn < 0) return;
  finishLeaf(out, req, asid, out.level, out.leafPfn, out.leafRead, out.leafWrite, iotlb, fill);
}

/**
 * Where a nested STE's stage 2 puts an IPA (the guest's CD table, for the table dumps): the PA, or
 * null when stage 2 does not map it. Not the hot path: it walks with its own trace and result.
 */
export function nestedIpaToPa(frames: Frames, ste: ArrayLike<number>, s: number, ipa: number): number | null {
  const s2 = ptr(ste[s + 6]!, ste[s + 7]!, 0xfffffff0);
  const s2Levels = levelsOfWidth(64 - (ste[s + 5]! & 0x3f));
  const pa = toPa(frames, ipa, s2, s2Levels, new WalkTrace(), new TranslateResult(), Structure.PASID_TABLE);
  return pa < 0 ? null : pa;
}

function levelsOfWidth(width: number): number {
  return Math.ceil((width - 12) / 9);
}

/**
 * An address the STE or CD gives: a PA, or under a nested STE an IPA first translated by stage 2 (a read) to
 * fetch `fetching` (the structure code of the L1 CD descriptor or the CD).
 */
function toPa(
  frames: Frames,
  addr: number,
  s2: number,
  s2Levels: number,
  trace: WalkTrace,
  out: TranslateResult,
  fetching: number,
): number {
  if (s2 < 0) return addr;
  // A stage-2 fault here is on a CD (or L1 CD descriptor) fetch: CLASS = CD, IPA = its page.
  out.ipa = addr - (addr % PAGE);
  out.ipaClass = 0;
  out.s2Fetch = fetching;
  const pfn = walkRadix(
    frames,
    ARM_LPAE_S2,
    s2,
    s2Levels,
    Math.floor(addr / PAGE),
    false,
    trace,
    Structure.S2_PL0,
    out,
  );
  if (pfn >= 0) return pfn * PAGE + (addr % PAGE);
  out.stage2 = true;
  return -1;
}

/**
 * A stage-2-only STE (a NEST_PARENT domain attached to the stream): no CD table, so a transaction
 * with a SubstreamID is C_BAD_SUBSTREAMID; the VMID tags the TLB; S2AP grants read and write apart.
 */
function walkStage2Ste(
  ste: ArrayLike<number>,
  s: number,
  req: DmaRequest,
  iotlb: Iotlb | null,
  fill: boolean,
  trace: WalkTrace,
  out: TranslateResult,
  frames: Frames,
): void {
  if (req.pasid >= 0) return refuse(trace, out, Outcome.NO_PASID, SmmuEvent.C_BAD_SUBSTREAMID, Decision.INVALID);
  const vmid = ste[s + 4]! & 0xffff;
  const width = 64 - (ste[s + 5]! & 0x3f);
  out.did = vmid;
  // Every fault past here is a stage-2 one, on the input address (an IPA): S2 = 1, CLASS = IN.
  out.ipa = req.vpfn * PAGE;
  out.ipaClass = 2;
  out.stage2 = true;
  if (req.vpfn >= 2 ** (width - 12))
    return refuse(trace, out, Outcome.BEYOND_WIDTH, SmmuEvent.F_TRANSLATION, Decision.INVALID);
  if (iotlbHit(iotlb, vmid, req, out)) return;
  const table = ptr(ste[s + 6]!, ste[s + 7]!, 0xfffffff0);
  if (walkRadix(frames, ARM_LPAE_S2, table, levelsOfWidth(width), req.vpfn, req.write, trace, Structure.PL0, out) < 0)
    return;
  finishLeaf(out, req, vmid, out.level, out.leafPfn, out.leafRead, out.leafWrite, iotlb, fill);
}
