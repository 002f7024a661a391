/**
 * The AMD-Vi walk (AMD I/O Virtualization Technology spec 48882 §2.2): DTE[DeviceID], then by what
 * the DTE holds:
 * - Mode 0, GV: guest (v2) translation only — GCR3 table (GLX + 1 levels, indexed by PASID;
 *   untagged traffic uses PASID 0 when GIoV is set) → an x86-64 (v2) table of 4 or 5 levels
 *   (GuestPagingMode), reads `pl5`/`pl4`…`pl1`;
 * - Mode ≠ 0, no GV: the host (v1) table alone, reads `pl<Mode>`…`pl1`;
 * - Mode ≠ 0 and GV: nested (§2.2.4 "Nested translation"): the GCR3 root, every guest table pointer
 *   and the final GPA are guest-physical and each goes through the host v1 table first; reads
 *   `s2-pl…` (host) and `s1-pl…` (guest), as VT-d names its nested walk;
 * - Mode 0, no GV: no translation; the DTE's IR/IW allow (identity) or block the access.
 * The IOTLB is tagged (DTE DomainID, PASID). With the platform's caches "all" the DTE (by DeviceID)
 * and GCR3 entries (by DeviceID and PASID) are cached too. Faults are AMD events:
 * ILLEGAL_DEV_TABLE_ENTRY 0x1, IO_PAGE_FAULT 0x2. The walk allocates nothing.
 */
import { EntryCaches } from '../caches.ts';
import type { Iotlb } from '../iotlb.ts';
import { entryAddr } from '../iommu/entry.ts';
import { walkNested, walkRadix } from '../iommu/radix.ts';
import {
  Decision,
  LEVEL_SPAN,
  Outcome,
  PAGE,
  Structure,
  beginWalk,
  failed,
  finishLeaf,
  refuse,
  frameOf,
  iotlbHit,
  lookupEntry,
  passThrough,
  wordOf,
  type DmaRequest,
  type Frames,
  type TranslateResult,
  type WalkTrace,
} from '../iommu/walk.ts';
import {
  AMD_V1,
  AMD_V2,
  AmdEvent,
  DTE_DOMID_MASK,
  DTE_GIOV_HI,
  DTE_GLX_SHIFT_HI,
  DTE_GV_HI,
  DTE_IR_HI,
  DTE_IW_HI,
  DTE_MODE_SHIFT,
  DTE_SIZE,
  DTE_TV,
  DTE_V,
  GCR3_ENTRY_SIZE,
  dteGcr3,
  dteGuestLevels,
} from './layout.ts';

export { AmdEvent } from './layout.ts';

/**
 * v2 tables are x86-64, 4- or 5-level by the DTE's GuestPagingMode: canonical lower-half input only
 * (2^35 pages = 2^47 bytes; 2^44 pages = 2^56 bytes with 5 levels).
 */
const V2_LIMIT_VPFN = { 4: 2 ** 35, 5: 2 ** 44 } as const;

/**
 * Walk a v1 (host) table of `levels` levels for input page `vpfn`, recording each read as
 * `code0 + level`. A directory entry names the next level (NextLevel); a page has NextLevel 0 (at
 * level 2 or 3 a large page) and its IR/IW decide the access. Leaves the leaf's level, first frame
 * and permissions in `out`; returns the output frame, or -1 with the fault recorded.
 */
export function walkV1(
  frames: Frames,
  root: number,
  levels: number,
  vpfn: number,
  write: boolean,
  trace: WalkTrace,
  code0: number,
  out: TranslateResult,
): number {
  if (vpfn >= LEVEL_SPAN[levels]! * 512) return failed(out, Outcome.BEYOND_WIDTH, AmdEvent.IO_PAGE_FAULT);
  return walkRadix(frames, AMD_V1, root, levels, vpfn, write, trace, code0, out);
}

/**
 * Walk a v2 (x86-64, 4- or 5-level) table. Nested (`hostRoot >= 0`): every table pointer and the final
 * output are GPAs, each translated through the host v1 table first (reads `s2-pl…`, the guest's
 * `s1-pl…`); the combined translation is kept at 4 KiB. Returns the output frame, or -1.
 */
function walkV2(
  frames: Frames,
  root: number,
  levels: 4 | 5,
  hostRoot: number,
  hostLevels: number,
  req: DmaRequest,
  trace: WalkTrace,
  out: TranslateResult,
): number {
  if (hostRoot < 0) return walkRadix(frames, AMD_V2, root, levels, req.vpfn, req.write, trace, Structure.PL0, out);
  const limit = LEVEL_SPAN[hostLevels]! * 512;
  return walkNested(frames, AMD_V2, root, levels, AMD_V1, hostRoot, hostLevels, limit, req.vpfn, req.write, trace, out);
}

/** Walk codes of the GCR3 levels (leaf first): `gcr3`, `gcr3-l1`, `gcr3-l2` (index.ts names them). */
const GCR3_LEVEL_CODE = [Structure.PASID_TABLE, Structure.PASID_DIR, Structure.CONTEXT] as const;

/**
 * The GCR3 entry of `pasid`: read through the GCR3 table's GLX + 1 levels (whose pointers are GPAs
 * when nested), or from the GCR3 cache. A level whose entry is not valid faults as a missing leaf
 * does (IO_PAGE_FAULT, no-pasid). Returns the v2 root it points at, or -1 (fault recorded).
 */
function gcr3Entry(
  frames: Frames,
  devId: number,
  gcr3Root: number,
  glx: number,
  pasid: number,
  domId: number,
  hostRoot: number,
  hostLevels: number,
  trace: WalkTrace,
  out: TranslateResult,
  caches: EntryCaches | null,
  fill: boolean,
): number {
  const key = EntryCaches.pasidKey(devId, pasid);
  const cached = lookupEntry(caches, 'pasid', key, out);
  if (cached !== undefined) return entryAddr(cached[0]!, cached[1]!);
  let table = gcr3Root;
  for (let level = glx; level >= 0; level--) {
    if (hostRoot >= 0) {
      out.s2Fetch = GCR3_LEVEL_CODE[level]!;
      const p = walkV1(frames, hostRoot, hostLevels, Math.floor(table / PAGE), false, trace, Structure.S2_PL0, out);
      if (p < 0) return -1;
      table = p * PAGE + (table % PAGE);
    }
    // __get_gcr3_pte: 9 PASID bits per level, from the top (level GLX) down to the leaf (level 0).
    const index = Math.floor(pasid / 2 ** (9 * level)) & 511;
    const addr = table + index * GCR3_ENTRY_SIZE;
    trace.push(GCR3_LEVEL_CODE[level]!, index, addr);
    const f = frameOf(frames, addr);
    const w = wordOf(addr);
    if ((f[w]! & 1) === 0) {
      trace.decide(Decision.NOT_PRESENT);
      return failed(out, Outcome.NO_PASID, AmdEvent.IO_PAGE_FAULT);
    }
    table = entryAddr(f[w]!, f[w + 1]!);
    // The GCR3 cache keeps the leaf entry, tagged with the DomainID its invalidation names.
    if (level === 0 && caches !== null && fill) caches.pasid.set(key, [f[w]!, f[w + 1]!, domId]);
  }
  return table;
}

export function translateAmd(
  frames: Frames,
  devTable: number,
  req: DmaRequest,
  iotlb: Iotlb | null,
  fill: boolean,
  trace: WalkTrace,
  out: TranslateResult,
  caches: EntryCaches | null = null,
): void {
  beginWalk(trace, out);
  out.pasidTag = req.pasid >= 0 ? req.pasid : 0;

  const devId = (req.bus << 8) | req.devfn;
  let w0: number;
  let w1: number;
  let w2: number;
  let w3: number;
  let w5: number;
  const cached = lookupEntry(caches, 'context', devId, out);
  if (cached !== undefined) {
    w0 = cached[0]!;
    w1 = cached[1]!;
    w2 = cached[2]!;
    w3 = cached[3]!;
    w5 = cached[4]!;
  } else {
    const dte = devTable + devId * DTE_SIZE;
    trace.push(Structure.ROOT, devId, dte);
    const f = frameOf(frames, dte);
    const w = wordOf(dte);
    w0 = f[w]!;
    w1 = f[w + 1]!;
    w2 = f[w + 2]!;
    w3 = f[w + 3]!;
    w5 = f[w + 5]!;
    if ((w0 & DTE_V) === 0 || (w0 & DTE_TV) === 0)
      return refuse(trace, out, Outcome.NO_CONTEXT, AmdEvent.ILLEGAL_DEV_TABLE_ENTRY, Decision.NOT_PRESENT);
    // The DTE cache keeps what the walk uses: qwords 0-1 and GuestPagingMode's word.
    if (caches !== null && fill) caches.context.set(devId, [w0, w1, w2, w3, w5]);
  }
  const domId = w2 & DTE_DOMID_MASK;
  out.did = domId;
  const mode = (w0 >>> DTE_MODE_SHIFT) & 0b111;
  const hostRoot = mode === 0 ? -1 : (w1 & 0xfffff) * 2 ** 32 + ((w0 & 0xfffff000) >>> 0);
  const guest = (w1 & DTE_GV_HI) !== 0 && (req.pasid >= 0 || (w1 & DTE_GIOV_HI) !== 0);

  if (!guest) {
    // A PASID-tagged request needs guest translation (GV); without it the request is refused.
    if (req.pasid >= 0) return refuse(trace, out, Outcome.NO_PASID, AmdEvent.IO_PAGE_FAULT, Decision.INVALID);
    if (mode === 0) {
      // No translation: the DTE's IR/IW decide whether the access passes (identity) or is blocked.
      if ((w1 & (req.write ? DTE_IW_HI : DTE_IR_HI)) === 0)
        return refuse(trace, out, Outcome.NO_PASID, AmdEvent.IO_PAGE_FAULT, Decision.DENIED);
      return passThrough(out, req);
    }
    if (req.vpfn >= LEVEL_SPAN[mode]! * 512)
      return refuse(trace, out, Outcome.BEYOND_WIDTH, AmdEvent.IO_PAGE_FAULT, Decision.INVALID);
    if (iotlbHit(iotlb, domId, req, out)) return;
    if (walkV1(frames, hostRoot, mode, req.vpfn, req.write, trace, Structure.PL0, out) < 0) return;
    finishLeaf(out, req, domId, out.level, out.leafPfn, out.leafRead, out.leafWrite, iotlb, fill);
    return;
  }

  const pasid = req.pasid >= 0 ? req.pasid : 0;
  const glx = (w1 >>> DTE_GLX_SHIFT_HI) & 0b11;
  if (pasid >= 2 ** (9 * (glx + 1)))
    return refuse(trace, out, Outcome.NO_PASID, AmdEvent.IO_PAGE_FAULT, Decision.INVALID);
  // The IOTLB is tagged (DomainID, PASID) and the DTE holds the DomainID: a hit needs neither the
  // GCR3 entry nor the page tables, so its walk is the DTE read alone (none on a DTE-cache hit) and
  // the GCR3 cache is not consulted (the result reports no `caches.pasid`).
  // Nothing is ever cached beyond the width, so that check keeps its place after the GCR3 lookup.
  const gpt = dteGuestLevels(w5);
  const inWidth = req.vpfn < V2_LIMIT_VPFN[gpt];
  if (inWidth && iotlbHit(iotlb, domId, req, out)) return;
  const root = gcr3Entry(
    frames,
    devId,
    dteGcr3(w1, w2, w3),
    glx,
    pasid,
    domId,
    hostRoot,
    mode,
    trace,
    out,
    caches,
    fill,
  );
  if (root < 0) return;
  if (!inWidth) return refuse(trace, out, Outcome.BEYOND_WIDTH, AmdEvent.IO_PAGE_FAULT, Decision.INVALID);
  if (walkV2(frames, root, gpt, hostRoot, mode, req, trace, out) < 0) return;
  finishLeaf(out, req, domId, out.level, out.leafPfn, out.leafRead, out.leafWrite, iotlb, fill);
}
