/**
 * The hardware walk of one DMA request in VT-d scalable mode, reading every entry from simulated
 * memory in the order the hardware does (VT-d §3.4-3.7; QEMU vtd_do_iommu_translate,
 * vtd_dev_to_context_entry, vtd_iova_to_slpte): root → context → PASID directory → PASID table,
 * then the IOTLB (tagged DID, PASID, page), then on a miss the second-stage table from the top level.
 *
 * This is the engine's hot path: it allocates nothing. The walk is recorded into a reusable
 * `WalkTrace` as (structure, index, entry address) triples; callers format it when they need to.
 */
import { EntryCaches } from '../caches.ts';
import type { Iotlb } from '../iotlb.ts';
import { entryAddr } from '../iommu/entry.ts';
import { walkNested, walkRadix } from '../iommu/radix.ts';
import {
  Decision,
  LEVEL_SPAN,
  beginWalk,
  lookupEntry,
  Outcome,
  Structure,
  finishLeaf,
  frameOf,
  iotlbHit,
  passThrough,
  refuse,
  wordOf,
  type DmaRequest,
  type Frames,
  type TranslateResult,
  type WalkTrace,
} from '../iommu/walk.ts';
import {
  CTX_DTE,
  CTX_PASIDE,
  CTX_PDTS_MASK,
  CTX_PDTS_SHIFT,
  CTX_RID_PASID_MASK,
  P,
  PE_AW_MASK,
  PE_AW_SHIFT,
  PE_DID_MASK,
  PE_PGTT_MASK,
  PE_FLPM_MASK,
  PE_PGTT_SHIFT,
  PGTT,
} from './layout.ts';
import { VTD_FIRST_STAGE, VTD_SECOND_STAGE } from './formats.ts';
import {
  contextEntryAt,
  contextIndex,
  pasidDirEntries,
  pasidDirEntryAt,
  pasidDirIndex,
  pasidEntryAt,
  pasidTableIndex,
  rootEntryAt,
} from './locate.ts';
import { Reason } from './reasons.ts';

/** 2^64 as a 4 KiB page number: upper-half canonical addresses sit just below it. */
const TOP_VPFN = 2 ** 52;

/**
 * Translate one request. `iotlb` may be null (no caching); when `fill` is set a miss fills it.
 * Writes the outcome into `out` and the memory reads into `trace` (both reset here).
 */
export function translate(
  frames: Frames,
  rootTable: number,
  req: DmaRequest,
  iotlb: Iotlb | null,
  fill: boolean,
  trace: WalkTrace,
  out: TranslateResult,
  caches: EntryCaches | null = null,
): void {
  beginWalk(trace, out);
  const sid = (req.bus << 8) | req.devfn;

  // Context entry: from the context cache, or root[bus] (half by devfn bit 7) then the context table.
  let ctx0: number;
  let ctx1: number;
  let ctx2: number;
  const ctxCached = lookupEntry(caches, 'context', sid, out);
  if (ctxCached !== undefined) {
    ctx0 = ctxCached[0]!;
    ctx1 = ctxCached[1]!;
    ctx2 = ctxCached[2]!;
  } else {
    const rootAddr = rootEntryAt(rootTable, req.bus);
    trace.push(Structure.ROOT, req.bus, rootAddr);
    let f = frameOf(frames, rootAddr);
    let w = wordOf(rootAddr);
    if (req.devfn >= 0x80) w += 2;
    const lo = f[w]!;
    if ((lo & P) === 0) return refuse(trace, out, Outcome.NO_CONTEXT, Reason.ROOT_NOT_PRESENT, Decision.NOT_PRESENT);
    const ctxAddr = contextEntryAt(entryAddr(lo, f[w + 1]!), req.devfn);
    trace.push(Structure.CONTEXT, contextIndex(req.devfn), ctxAddr);
    f = frameOf(frames, ctxAddr);
    w = wordOf(ctxAddr);
    ctx0 = f[w]!;
    ctx1 = f[w + 1]!;
    ctx2 = f[w + 2]!;
    if ((ctx0 & P) === 0)
      return refuse(trace, out, Outcome.NO_CONTEXT, Reason.CONTEXT_NOT_PRESENT, Decision.NOT_PRESENT);
    if (caches !== null && fill) caches.context.set(sid, [ctx0, ctx1, ctx2]);
  }
  // A translation request (ATS) needs DTE in the context entry; PASID-tagged requests need PASIDE.
  if (req.ats === true && (ctx0 & CTX_DTE) === 0)
    return refuse(trace, out, Outcome.NO_CONTEXT, Reason.DTE_CLEAR, Decision.INVALID);
  if (req.pasid >= 0 && (ctx0 & CTX_PASIDE) === 0)
    return refuse(trace, out, Outcome.NO_PASID, Reason.PASIDE_CLEAR, Decision.INVALID);
  const pasid = req.pasid >= 0 ? req.pasid : ctx2 & CTX_RID_PASID_MASK;
  // The directory has 2^(PDTS+7) entries; a PASID beyond it is refused from the context entry alone,
  // before the PASID cache is consulted or any PASID structure read (0x46 is a context-entry check).
  const dirIndex = pasidDirIndex(pasid);
  if (dirIndex >= pasidDirEntries((ctx0 & CTX_PDTS_MASK) >>> CTX_PDTS_SHIFT))
    return refuse(trace, out, Outcome.NO_PASID, Reason.PASID_BEYOND_PDTS, Decision.INVALID);

  // PASID-table entry: from the PASID cache, or the directory (PASID[19:6]) then the table (PASID[5:0]).
  let pe: ArrayLike<number>;
  let pw: number;
  const peCached = lookupEntry(caches, 'pasid', EntryCaches.pasidKey(sid, pasid), out);
  if (peCached !== undefined) {
    pe = peCached;
    pw = 0;
  } else {
    const dirAddr = pasidDirEntryAt(entryAddr(ctx0, ctx1), pasid);
    trace.push(Structure.PASID_DIR, dirIndex, dirAddr);
    let f = frameOf(frames, dirAddr);
    let w = wordOf(dirAddr);
    const lo = f[w]!;
    if ((lo & P) === 0) return refuse(trace, out, Outcome.NO_PASID, Reason.PASID_DIR_NOT_PRESENT, Decision.NOT_PRESENT);
    const peAddr = pasidEntryAt(entryAddr(lo, f[w + 1]!), pasid);
    trace.push(Structure.PASID_TABLE, pasidTableIndex(pasid), peAddr);
    f = frameOf(frames, peAddr);
    w = wordOf(peAddr);
    if ((f[w]! & P) === 0)
      return refuse(trace, out, Outcome.NO_PASID, Reason.PASID_ENTRY_NOT_PRESENT, Decision.NOT_PRESENT);
    pe = f;
    pw = w;
    if (caches !== null && fill) caches.pasid.set(EntryCaches.pasidKey(sid, pasid), Array.from(f.subarray(w, w + 6)));
  }
  const lo = pe[pw]!;
  const pgtt = (lo & PE_PGTT_MASK) >>> PE_PGTT_SHIFT;
  const aw = (lo & PE_AW_MASK) >>> PE_AW_SHIFT;
  const did = pe[pw + 2]! & PE_DID_MASK;
  out.did = did;
  out.pasidTag = req.pasid >= 0 ? req.pasid : 0;
  const levels = aw + 2;
  if (aw < 1 || aw > 3 || pgtt < PGTT.FIRST_ONLY || pgtt > PGTT.PASS_THROUGH) {
    return refuse(trace, out, Outcome.NO_PASID, Reason.PASID_ENTRY_INVALID, Decision.INVALID);
  }
  const firstStage = pgtt === PGTT.FIRST_ONLY || pgtt === PGTT.NESTED;
  const s1Levels = (pe[pw + 4]! & PE_FLPM_MASK) !== 0 ? 5 : 4;
  if (firstStage) {
    // First-stage input must be canonical (x86-64): the lower or upper half of the 48/57-bit space.
    const half = LEVEL_SPAN[s1Levels] * 256;
    if (req.vpfn >= half && req.vpfn < TOP_VPFN - half)
      return refuse(trace, out, Outcome.BEYOND_WIDTH, Reason.NON_CANONICAL, Decision.INVALID);
  } else if (req.vpfn >= LEVEL_SPAN[levels]! * 512) {
    // Input addresses above 2^width - 1 are refused before any page-table read (0x83; QEMU: ADDR_BEYOND_MGAW).
    return refuse(trace, out, Outcome.BEYOND_WIDTH, Reason.ADDR_BEYOND_WIDTH, Decision.INVALID);
  }

  if (pgtt === PGTT.PASS_THROUGH) return passThrough(out, req);
  if (iotlbHit(iotlb, did, req, out)) return;

  const sspt = entryAddr(lo, pe[pw + 1]!);
  const pfn = !firstStage
    ? walkRadix(frames, VTD_SECOND_STAGE, sspt, levels, req.vpfn, req.write, trace, Structure.PL0, out)
    : pgtt === PGTT.NESTED
      ? walkNested(
          frames,
          VTD_FIRST_STAGE,
          entryAddr(pe[pw + 4]!, pe[pw + 5]!),
          s1Levels,
          VTD_SECOND_STAGE,
          sspt,
          levels,
          Infinity,
          req.vpfn,
          req.write,
          trace,
          out,
        )
      : walkRadix(
          frames,
          VTD_FIRST_STAGE,
          entryAddr(pe[pw + 4]!, pe[pw + 5]!),
          s1Levels,
          req.vpfn,
          req.write,
          trace,
          Structure.S1_PL0,
          out,
        );
  if (pfn < 0) return;
  finishLeaf(out, req, did, out.level, out.leafPfn, out.leafRead, out.leafWrite, iotlb, fill);
}
