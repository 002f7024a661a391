/**
 * The SMMUv3 walk of one transaction (SMMUv3 spec §3.3 "Data structures and translation
 * procedure"): L1 stream-table descriptor → STE → (SubstreamID, or CD 0 for untagged traffic via
 * S1DSS) → L1 CD descriptor → CD → the Arm LPAE stage-1 table from TTB0, with the IOTLB tagged
 * (ASID, SSID, page). Faults carry the SMMU event numbers (C_BAD_STE 0x04, C_BAD_SUBSTREAMID 0x08,
 * C_BAD_CD 0x0a, F_TRANSLATION 0x10, F_PERMISSION 0x13). The trace uses the same structure codes
 * as VT-d, named ste-l1, ste, cd-l1, cd by the backend.
 */
import type { Iotlb } from '../iotlb.ts';
import {
  LEVEL_SPAN,
  Outcome,
  Structure,
  beginWalk,
  fault,
  finishLeaf,
  frameOf,
  iotlbHit,
  passThrough,
  wordOf,
  type DmaRequest,
  type Frames,
  type TranslateResult,
  type WalkTrace,
} from '../walk.ts';
import {
  CD_L1_DESC_SIZE,
  CD_SIZE,
  CD_T0SZ_MASK,
  CD_V,
  CTXDESC_SPLIT,
  LPAE_AP_RDONLY,
  LPAE_S2AP_R,
  LPAE_S2AP_W,
  LPAE_TABLE_OR_PAGE,
  LPAE_VALID,
  STE_CFG,
  STE_CFG_SHIFT,
  STE_S1FMT,
  STE_S1FMT_SHIFT,
  STE_S1CDMAX_SHIFT_HI,
  STE_SIZE,
  STE_V,
  STRTAB_L1_DESC_SIZE,
} from './layout.ts';

export const SmmuEvent = {
  C_BAD_STREAMID: 0x02,
  C_BAD_STE: 0x04,
  C_BAD_SUBSTREAMID: 0x08,
  C_BAD_CD: 0x0a,
  F_TRANSLATION: 0x10,
  F_PERMISSION: 0x13,
} as const;

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
): void {
  beginWalk(trace, out);

  // L1 stream-table descriptor, indexed by StreamID[15:8].
  const l1 = streamTable + req.bus * STRTAB_L1_DESC_SIZE;
  trace.push(Structure.ROOT, req.bus, l1);
  let f = frameOf(frames, l1);
  let w = wordOf(l1);
  let lo = f[w]!;
  if ((lo & 0x1f) === 0) return fault(out, Outcome.NO_CONTEXT, SmmuEvent.C_BAD_STREAMID);
  const ste = ptr(lo, f[w + 1]!, 0xffffffc0) + req.devfn * STE_SIZE;

  // STE.
  trace.push(Structure.CONTEXT, req.devfn, ste);
  f = frameOf(frames, ste);
  w = wordOf(ste);
  lo = f[w]!;
  if ((lo & STE_V) === 0) return fault(out, Outcome.NO_CONTEXT, SmmuEvent.C_BAD_STE);
  const cfg = (lo >>> STE_CFG_SHIFT) & 0b111;
  out.pasidTag = req.pasid >= 0 ? req.pasid : 0;
  if (cfg === STE_CFG.BYPASS) return passThrough(out, req);
  if (cfg === STE_CFG.S2_TRANS) return walkStage2(f, w, req, iotlb, fill, trace, out, frames);
  // An abort STE (the blocking domain, arm_smmu_make_abort_ste) aborts the transaction without
  // reading a CD and without recording an event.
  if (cfg === STE_CFG.ABORT) {
    out.silent = true;
    return fault(out, Outcome.NO_PASID, 0);
  }
  if (cfg !== STE_CFG.S1_TRANS) return fault(out, Outcome.NO_CONTEXT, SmmuEvent.C_BAD_STE);
  const s1fmt = (lo >>> STE_S1FMT_SHIFT) & 0b11;
  const cdTable = ptr(lo, f[w + 1]!, 0xffffffc0);
  const cdMax = f[w + 1]! >>> STE_S1CDMAX_SHIFT_HI;
  // Untagged traffic: S1DSS = 0b10 sends it to CD 0 (Linux's choice; RID traffic = SSID 0),
  // 0b01 lets it bypass (an identity RID while PASIDs use the CD table), 0b00 terminates it.
  const ssid = req.pasid >= 0 ? req.pasid : 0;
  if (req.pasid < 0) {
    const s1dss = f[w + 2]! & 0b11;
    if (s1dss === 0b01) return passThrough(out, req);
    if (s1dss !== 0b10) return fault(out, Outcome.NO_PASID, SmmuEvent.C_BAD_SUBSTREAMID);
  }
  if (ssid >= 2 ** cdMax) return fault(out, Outcome.NO_PASID, SmmuEvent.C_BAD_SUBSTREAMID);

  let cd: number;
  if (s1fmt === STE_S1FMT.LINEAR) {
    cd = cdTable + ssid * CD_SIZE;
  } else {
    const cdl1 = cdTable + (ssid >>> CTXDESC_SPLIT) * CD_L1_DESC_SIZE;
    trace.push(Structure.PASID_DIR, ssid >>> CTXDESC_SPLIT, cdl1);
    f = frameOf(frames, cdl1);
    w = wordOf(cdl1);
    lo = f[w]!;
    if ((lo & 1) === 0) return fault(out, Outcome.NO_PASID, SmmuEvent.C_BAD_CD);
    cd = ptr(lo, f[w + 1]!, 0xfffff000) + (ssid & ((1 << CTXDESC_SPLIT) - 1)) * CD_SIZE;
  }

  // Context descriptor: TCR (T0SZ), ASID, TTB0.
  trace.push(Structure.PASID_TABLE, ssid & ((1 << CTXDESC_SPLIT) - 1), cd);
  f = frameOf(frames, cd);
  w = wordOf(cd);
  lo = f[w]!;
  if ((lo & CD_V) === 0) return fault(out, Outcome.NO_PASID, SmmuEvent.C_BAD_CD);
  const width = 64 - (lo & CD_T0SZ_MASK);
  const asid = f[w + 1]! >>> 16;
  out.did = asid;
  out.pgtt = 1;
  const levels = Math.ceil((width - 12) / 9);
  if (req.vpfn >= 2 ** (width - 12)) return fault(out, Outcome.BEYOND_WIDTH, SmmuEvent.F_TRANSLATION);

  if (iotlbHit(iotlb, asid, req, out)) return;

  // Arm LPAE stage 1 from TTB0: level `levels` is the table's L0 (48-bit) or L1 (39-bit).
  let table = ptr(f[w + 2]!, f[w + 3]!, 0xfffffff0);
  let writeOk = true;
  for (let level = levels; level >= 1; level--) {
    const span = LEVEL_SPAN[level]!;
    const index = Math.floor(req.vpfn / span) & 511;
    const addr = table + index * 8;
    trace.push(Structure.PL0 + level, index, addr);
    f = frameOf(frames, addr);
    w = wordOf(addr);
    lo = f[w]!;
    if ((lo & LPAE_VALID) === 0) return fault(out, Outcome.NOT_MAPPED, SmmuEvent.F_TRANSLATION);
    const leaf = level === 1 || (lo & LPAE_TABLE_OR_PAGE) === 0;
    if (leaf) writeOk = (lo & LPAE_AP_RDONLY) === 0;
    if (req.write && !writeOk) return fault(out, Outcome.WRITE_DENIED, SmmuEvent.F_PERMISSION);
    const next = ptr(lo, f[w + 1]!, 0xfffff000);
    if (leaf) {
      finishLeaf(out, req, asid, level, next / 4096, true, writeOk, iotlb, fill);
      return;
    }
    table = next;
  }
}

/**
 * A stage-2-only STE (a NEST_PARENT domain attached to the stream): no CD table, so a transaction
 * with a SubstreamID is C_BAD_SUBSTREAMID; the VMID tags the TLB; S2AP grants read and write apart.
 */
function walkStage2(
  f: Uint32Array,
  w: number,
  req: DmaRequest,
  iotlb: Iotlb | null,
  fill: boolean,
  trace: WalkTrace,
  out: TranslateResult,
  frames: Frames,
): void {
  if (req.pasid >= 0) return fault(out, Outcome.NO_PASID, SmmuEvent.C_BAD_SUBSTREAMID);
  const vmid = f[w + 4]! & 0xffff;
  const width = 64 - (f[w + 5]! & 0x3f);
  let table = ptr(f[w + 6]!, f[w + 7]!, 0xfffffff0);
  out.did = vmid;
  out.pgtt = 2;
  if (req.vpfn >= 2 ** (width - 12)) return fault(out, Outcome.BEYOND_WIDTH, SmmuEvent.F_TRANSLATION);
  if (iotlbHit(iotlb, vmid, req, out)) return;
  let read = true;
  let writeOk = true;
  for (let level = Math.ceil((width - 12) / 9); level >= 1; level--) {
    const span = LEVEL_SPAN[level]!;
    const index = Math.floor(req.vpfn / span) & 511;
    const addr = table + index * 8;
    trace.push(Structure.PL0 + level, index, addr);
    const e = frameOf(frames, addr);
    const x = wordOf(addr);
    const lo = e[x]!;
    if ((lo & LPAE_VALID) === 0) return fault(out, Outcome.NOT_MAPPED, SmmuEvent.F_TRANSLATION);
    const leaf = level === 1 || (lo & LPAE_TABLE_OR_PAGE) === 0;
    const next = ptr(lo, e[x + 1]!, 0xfffff000);
    if (!leaf) {
      table = next;
      continue;
    }
    read = (lo & LPAE_S2AP_R) !== 0;
    writeOk = (lo & LPAE_S2AP_W) !== 0;
    if (req.write ? !writeOk : !read)
      return fault(out, req.write ? Outcome.WRITE_DENIED : Outcome.READ_DENIED, SmmuEvent.F_PERMISSION);
    finishLeaf(out, req, vmid, level, next / 4096, read, writeOk, iotlb, fill);
    return;
  }
}
