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
import {
  CACHE_HIT,
  LEVEL_SPAN,
  beginWalk,
  Outcome,
  PAGE,
  Structure,
  failed,
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
export { Outcome, Structure, TranslateResult, WalkTrace, type DmaRequest, type Frames } from '../walk.ts';
import {
  CONTEXT_ENTRY_SIZE,
  CTX_DTE,
  CTX_PASIDE,
  CTX_PDTS_MASK,
  CTX_PDTS_SHIFT,
  CTX_RID_PASID_MASK,
  P,
  PASID_DIR_ENTRY_SIZE,
  PASID_ENTRY_SIZE,
  PE_AW_MASK,
  PE_AW_SHIFT,
  PE_DID_MASK,
  PE_PGTT_MASK,
  PE_FLPM_MASK,
  PE_PGTT_SHIFT,
  PGTT,
  PTE_SIZE,
  ROOT_ENTRY_SIZE,
  SL_PS,
  SL_R,
  SL_W,
  entryAddr,
} from './layout.ts';
import { FL_P, FL_PS, FL_RW } from './firststage.ts';

/** 2^64 as a 4 KiB page number: upper-half canonical addresses sit just below it. */
const TOP_VPFN = 2 ** 52;

/** Entry sizes in 32-bit words, by structure code (VT-d). */
export function entryWords(structure: number): number {
  return structure === Structure.ROOT
    ? 4
    : structure === Structure.CONTEXT
      ? 8
      : structure === Structure.PASID_DIR
        ? 2
        : structure === Structure.PASID_TABLE
          ? 16
          : 2;
}

/**
 * VT-d fault reason codes as scalable-mode hardware records them (VT-d spec §7.1.3, scalable-mode
 * fault conditions), named as the kernel prints them from dma_remap_sm_fault_reasons
 * (drivers/iommu/intel/dmar.c, index = code - 0x30).
 */
export const Reason = {
  ROOT_NOT_PRESENT: 0x39, // "SM: Present bit in Root Entry is clear"
  CONTEXT_NOT_PRESENT: 0x41, // "SM: Present bit in Context Entry is clear"
  DTE_CLEAR: 0x44, // "SM: DTE field in Context Entry is clear" (a translation request from an ATS device)
  PASIDE_CLEAR: 0x45, // "SM: PASID Enable field in Context Entry is clear"
  PASID_BEYOND_PDTS: 0x46, // "SM: PASID is larger than the max in Context Entry"
  PASID_DIR_NOT_PRESENT: 0x51, // "SM: Present bit in Directory Entry is clear"
  PASID_ENTRY_NOT_PRESENT: 0x59, // "SM: Present bit in PASID Table Entry is clear"
  PASID_ENTRY_INVALID: 0x5b, // "SM: Invalid Scalable-Mode PASID Table Entry"
  FS_NOT_PRESENT: 0x71, // "SM: Present bit in first-level paging entry is clear"
  SS_NOT_PRESENT: 0x79, // "SM: Read/Write permission error in second-level paging entry" (R = W = 0)
  NON_CANONICAL: 0x80, // "SM: Address in first-level translation is not canonical"
  ADDR_BEYOND_WIDTH: 0x83, // "SM: Address beyond the DMA hardware max"
  WRITE: 0x85, // "SM: No write permission for Write/AtomicOp request"
  READ: 0x86, // "SM: No read permission for Read/AtomicOp request"
} as const;

/**
 * What QEMU's intel_iommu records for the same condition where it differs (it reports the legacy
 * codes from its second-stage walk, vtd_iova_to_slpte, and its root/context lookups): 0 = the same.
 */
export function qemuReasonOf(reason: number, write: boolean): number {
  switch (reason) {
    case Reason.ROOT_NOT_PRESENT:
      return 0x1; // VTD_FR_ROOT_ENTRY_P
    case Reason.CONTEXT_NOT_PRESENT:
      return 0x2; // VTD_FR_CONTEXT_ENTRY_P
    case Reason.ADDR_BEYOND_WIDTH:
      return 0x4; // VTD_FR_ADDR_BEYOND_MGAW
    case Reason.SS_NOT_PRESENT:
      return write ? 0x5 : 0x6; // VTD_FR_WRITE / VTD_FR_READ
    case Reason.READ:
      return 0x6;
    default:
      return 0;
  }
}

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
  const ctxCached = caches === null ? undefined : caches.context.get(sid);
  if (ctxCached !== undefined) {
    ctx0 = ctxCached[0]!;
    ctx1 = ctxCached[1]!;
    ctx2 = ctxCached[2]!;
    out.cacheHits |= CACHE_HIT.CONTEXT;
  } else {
    const rootAddr = rootTable + req.bus * ROOT_ENTRY_SIZE;
    trace.push(Structure.ROOT, req.bus, rootAddr);
    let f = frameOf(frames, rootAddr);
    let w = wordOf(rootAddr);
    if (req.devfn >= 0x80) w += 2;
    const lo = f[w]!;
    if ((lo & P) === 0) return fault(out, Outcome.NO_CONTEXT, Reason.ROOT_NOT_PRESENT);
    const ctxAddr = entryAddr(lo, f[w + 1]!) + (req.devfn & 0x7f) * CONTEXT_ENTRY_SIZE;
    trace.push(Structure.CONTEXT, req.devfn & 0x7f, ctxAddr);
    f = frameOf(frames, ctxAddr);
    w = wordOf(ctxAddr);
    ctx0 = f[w]!;
    ctx1 = f[w + 1]!;
    ctx2 = f[w + 2]!;
    if ((ctx0 & P) === 0) return fault(out, Outcome.NO_CONTEXT, Reason.CONTEXT_NOT_PRESENT);
    if (caches !== null && fill) caches.context.set(sid, [ctx0, ctx1, ctx2]);
  }
  // A translation request (ATS) needs DTE in the context entry; PASID-tagged requests need PASIDE.
  if (req.ats === true && (ctx0 & CTX_DTE) === 0) return fault(out, Outcome.NO_CONTEXT, Reason.DTE_CLEAR);
  if (req.pasid >= 0 && (ctx0 & CTX_PASIDE) === 0) return fault(out, Outcome.NO_PASID, Reason.PASIDE_CLEAR);
  const pasid = req.pasid >= 0 ? req.pasid : ctx2 & CTX_RID_PASID_MASK;

  // PASID-table entry: from the PASID cache, or the directory (PASID[19:6]) then the table (PASID[5:0]).
  let pe: ArrayLike<number>;
  let pw: number;
  const peCached = caches === null ? undefined : caches.pasid.get(EntryCaches.pasidKey(sid, pasid));
  if (peCached !== undefined) {
    pe = peCached;
    pw = 0;
    out.cacheHits |= CACHE_HIT.PASID;
  } else {
    const dirIndex = pasid >>> 6;
    // The directory has 2^(PDTS+7) entries; a PASID beyond it is refused before any read.
    if (dirIndex >= 1 << (((ctx0 & CTX_PDTS_MASK) >>> CTX_PDTS_SHIFT) + 7))
      return fault(out, Outcome.NO_PASID, Reason.PASID_BEYOND_PDTS);
    const dirAddr = entryAddr(ctx0, ctx1) + dirIndex * PASID_DIR_ENTRY_SIZE;
    trace.push(Structure.PASID_DIR, dirIndex, dirAddr);
    let f = frameOf(frames, dirAddr);
    let w = wordOf(dirAddr);
    const lo = f[w]!;
    if ((lo & P) === 0) return fault(out, Outcome.NO_PASID, Reason.PASID_DIR_NOT_PRESENT);
    const peAddr = entryAddr(lo, f[w + 1]!) + (pasid & 0x3f) * PASID_ENTRY_SIZE;
    trace.push(Structure.PASID_TABLE, pasid & 0x3f, peAddr);
    f = frameOf(frames, peAddr);
    w = wordOf(peAddr);
    if ((f[w]! & P) === 0) return fault(out, Outcome.NO_PASID, Reason.PASID_ENTRY_NOT_PRESENT);
    pe = f;
    pw = w;
    if (caches !== null && fill) caches.pasid.set(EntryCaches.pasidKey(sid, pasid), Array.from(f.subarray(w, w + 6)));
  }
  const lo = pe[pw]!;
  const pgtt = (lo & PE_PGTT_MASK) >>> PE_PGTT_SHIFT;
  const aw = (lo & PE_AW_MASK) >>> PE_AW_SHIFT;
  const did = pe[pw + 2]! & PE_DID_MASK;
  out.did = did;
  out.pgtt = pgtt;
  out.pasidTag = req.pasid >= 0 ? req.pasid : 0;
  const levels = aw + 2;
  if (aw < 1 || aw > 3 || pgtt < PGTT.FIRST_ONLY || pgtt > PGTT.PASS_THROUGH) {
    return fault(out, Outcome.NO_PASID, Reason.PASID_ENTRY_INVALID);
  }
  const firstStage = pgtt === PGTT.FIRST_ONLY || pgtt === PGTT.NESTED;
  const s1Levels = (pe[pw + 4]! & PE_FLPM_MASK) !== 0 ? 5 : 4;
  if (firstStage) {
    // First-stage input must be canonical (x86-64): the lower or upper half of the 48/57-bit space.
    const half = LEVEL_SPAN[s1Levels] * 256;
    if (req.vpfn >= half && req.vpfn < TOP_VPFN - half) return fault(out, Outcome.BEYOND_WIDTH, Reason.NON_CANONICAL);
  } else if (req.vpfn >= LEVEL_SPAN[levels]! * 512) {
    // Input addresses above 2^width - 1 are refused before any page-table read (0x83; QEMU: ADDR_BEYOND_MGAW).
    return fault(out, Outcome.BEYOND_WIDTH, Reason.ADDR_BEYOND_WIDTH);
  }

  if (pgtt === PGTT.PASS_THROUGH) {
    passThrough(out, req);
    out.pgtt = pgtt;
    return;
  }
  if (iotlbHit(iotlb, did, req, out)) return;

  const sspt = entryAddr(lo, pe[pw + 1]!);
  let pfn: number;
  if (!firstStage) {
    pfn = walkSecond(frames, sspt, levels, req.vpfn, req.write, trace, Structure.PL0, out);
    if (pfn < 0) return;
  } else {
    pfn = walkFirst(
      frames,
      entryAddr(pe[pw + 4]!, pe[pw + 5]!),
      s1Levels,
      pgtt === PGTT.NESTED ? sspt : -1,
      levels,
      req,
      trace,
      out,
    );
    if (pfn < 0) return;
  }
  finishLeaf(out, req, did, leaf.level, leaf.base, leaf.read, leaf.write, iotlb, fill);
}

/** The leaf the last walk ended on: level, first frame, effective permissions. */
const leaf = { level: 1, base: 0, read: false, write: false };

/**
 * Walk a second-stage table for input page `vpfn`, recording each read as `code0 + level`.
 * Permissions are checked at every level, as QEMU does. Returns the output frame, or -1 on a fault.
 */
function walkSecond(
  frames: Frames,
  table: number,
  levels: number,
  vpfn: number,
  write: boolean,
  trace: WalkTrace,
  code0: number,
  out: TranslateResult,
): number {
  let read = true;
  let writeOk = true;
  for (let level = levels; level >= 1; level--) {
    const span = LEVEL_SPAN[level]!;
    const index = Math.floor(vpfn / span) & 511;
    const addr = table + index * PTE_SIZE;
    trace.push(code0 + level, index, addr);
    const f = frameOf(frames, addr);
    const w = wordOf(addr);
    const lo = f[w]!;
    // R = W = 0 is a not-present second-stage entry (SSS.2, 0x79).
    if ((lo & (SL_R | SL_W)) === 0) return failed(out, Outcome.NOT_MAPPED, Reason.SS_NOT_PRESENT);
    read = read && (lo & SL_R) !== 0;
    writeOk = writeOk && (lo & SL_W) !== 0;
    if (write ? !writeOk : !read)
      return failed(out, write ? Outcome.WRITE_DENIED : Outcome.READ_DENIED, write ? Reason.WRITE : Reason.READ);
    const next = entryAddr(lo, f[w + 1]!);
    if (level === 1 || (lo & SL_PS) !== 0) {
      leaf.level = level;
      leaf.base = next / PAGE;
      leaf.read = read;
      leaf.write = writeOk;
      return leaf.base + (vpfn - Math.floor(vpfn / span) * span);
    }
    table = next;
  }
  return -1;
}

/**
 * Walk a first-stage (x86-64 format) table. When nested (`s2 >= 0`), every table pointer and the
 * final output are guest-physical and each is translated through the second stage first, which is
 * why a 4-level over 4-level walk can read 24 entries (VT-d §3.8, nested translation).
 */
function walkFirst(
  frames: Frames,
  root: number,
  s1Levels: number,
  s2: number,
  s2Levels: number,
  req: DmaRequest,
  trace: WalkTrace,
  out: TranslateResult,
): number {
  let table = root;
  let writeOk = true;
  for (let level = s1Levels; level >= 1; level--) {
    let tableHpa = table;
    if (s2 >= 0) {
      const p = walkSecond(frames, s2, s2Levels, Math.floor(table / PAGE), false, trace, Structure.S2_PL0, out);
      if (p < 0) return -1;
      tableHpa = p * PAGE;
    }
    const span = LEVEL_SPAN[level]!;
    const index = Math.floor(req.vpfn / span) & 511;
    const addr = tableHpa + index * PTE_SIZE;
    trace.push(Structure.S1_PL0 + level, index, addr);
    const f = frameOf(frames, addr);
    const w = wordOf(addr);
    const lo = f[w]!;
    if ((lo & FL_P) === 0) return failed(out, Outcome.NOT_MAPPED, Reason.FS_NOT_PRESENT);
    writeOk = writeOk && (lo & FL_RW) !== 0;
    if (req.write && !writeOk) return failed(out, Outcome.WRITE_DENIED, Reason.WRITE);
    const next = entryAddr(lo, f[w + 1]!);
    if (level === 1 || (level <= 3 && (lo & FL_PS) !== 0)) {
      const outPfn = next / PAGE + (req.vpfn - Math.floor(req.vpfn / span) * span);
      if (s2 < 0) {
        leaf.level = level;
        leaf.base = next / PAGE;
        leaf.read = true;
        leaf.write = writeOk;
        return outPfn;
      }
      // The final GPA goes through the second stage too; the result is cached at 4 KiB.
      const hpa = walkSecond(frames, s2, s2Levels, outPfn, req.write, trace, Structure.S2_PL0, out);
      if (hpa < 0) return -1;
      leaf.level = 1;
      leaf.base = hpa;
      leaf.write = leaf.write && writeOk;
      leaf.read = true;
      return hpa;
    }
    table = next;
  }
  return -1;
}
