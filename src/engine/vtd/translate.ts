/**
 * The hardware walk of one DMA request in VT-d scalable mode, reading every entry from simulated
 * memory in the order the hardware does (VT-d §3.4-3.7; QEMU vtd_do_iommu_translate,
 * vtd_dev_to_context_entry, vtd_iova_to_slpte): root → context → PASID directory → PASID table,
 * then the IOTLB (tagged DID, PASID, page), then on a miss the second-stage table from the top level.
 *
 * This is the engine's hot path: it allocates nothing. The walk is recorded into a reusable
 * `WalkTrace` as (structure, index, entry address) triples; callers format it when they need to.
 */
import type { Iotlb } from '../iotlb.ts';
import {
  CONTEXT_ENTRY_SIZE,
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
  PE_PGTT_SHIFT,
  PGTT,
  PTE_SIZE,
  ROOT_ENTRY_SIZE,
  SL_PS,
  SL_R,
  SL_W,
  entryAddr,
} from './layout.ts';

/** Structure codes in a trace; page-table level L is `PL0 + L`. */
export const Structure = { ROOT: 0, CONTEXT: 1, PASID_DIR: 2, PASID_TABLE: 3, PL0: 4 } as const;
/** Entry sizes in 32-bit words, by structure code. */
export function entryWords(structure: number): number {
  return structure === Structure.ROOT ? 4 : structure === Structure.CONTEXT ? 8 : structure === Structure.PASID_DIR ? 2 : structure === Structure.PASID_TABLE ? 16 : 2;
}

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

/** VT-d fault reason codes (reference/iommu.md §3.8). */
export const Reason = {
  ROOT_NOT_PRESENT: 0x1,
  CONTEXT_NOT_PRESENT: 0x2,
  ADDR_BEYOND_WIDTH: 0x4,
  WRITE: 0x5,
  READ: 0x6,
  PASID_DIR_NOT_PRESENT: 0x51,
  PASID_ENTRY_NOT_PRESENT: 0x59,
  PASID_ENTRY_INVALID: 0x5b,
} as const;

export interface DmaRequest {
  bus: number;
  devfn: number;
  pasid: number; // -1: a request without a PASID prefix
  vpfn: number; // input address >> 12 (exact: < 2^45 for 57-bit addresses)
  offset: number; // input address & 0xfff
  write: boolean;
}

export class WalkTrace {
  readonly structure = new Uint8Array(16);
  readonly index = new Float64Array(16);
  readonly addr = new Float64Array(16);
  length = 0;
  push(structure: number, index: number, addr: number): void {
    const n = this.length++;
    this.structure[n] = structure;
    this.index[n] = index;
    this.addr[n] = addr;
  }
}

export class TranslateResult {
  outcome: number = Outcome.TRANSLATED;
  reason = 0;
  /** Output frame and offset: pa = pfn * 4096 + offset, kept apart so 57-bit pass-through stays exact. */
  pfn = 0;
  offset = 0;
  did = -1;
  pasidTag = 0;
  pgtt = 0;
  level = 0; // leaf level of the translation (1 = 4 KiB)
  hit = false;
  /** Of a walked leaf: its input page (in leaf-size units), first frame and effective permissions. */
  leafVpn = 0;
  leafPfn = 0;
  leafRead = false;
  leafWrite = false;
}

const PAGE = 4096;
const EMPTY = new Uint32Array(1024);
const LEVEL_SPAN = [1, 1, 2 ** 9, 2 ** 18, 2 ** 27, 2 ** 36] as const;

/** Frame map of a memory snapshot. */
export type Frames = ReadonlyMap<number, Uint32Array>;

function frameOf(frames: Frames, addr: number): Uint32Array {
  return frames.get(Math.floor(addr / PAGE)) ?? EMPTY;
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
): void {
  trace.length = 0;
  out.hit = false;
  out.did = -1;
  out.level = 0;
  out.pgtt = 0;

  // Root entry: indexed by bus; scalable mode picks the half by devfn bit 7.
  const rootAddr = rootTable + req.bus * ROOT_ENTRY_SIZE;
  trace.push(Structure.ROOT, req.bus, rootAddr);
  let f = frameOf(frames, rootAddr);
  let w = (rootAddr % PAGE) >>> 2;
  if (req.devfn >= 0x80) w += 2;
  let lo = f[w]!;
  if ((lo & P) === 0) return fault(out, Outcome.NO_CONTEXT, Reason.ROOT_NOT_PRESENT);
  const ctxAddr = entryAddr(lo, f[w + 1]!) + (req.devfn & 0x7f) * CONTEXT_ENTRY_SIZE;

  // Context entry.
  trace.push(Structure.CONTEXT, req.devfn & 0x7f, ctxAddr);
  f = frameOf(frames, ctxAddr);
  w = (ctxAddr % PAGE) >>> 2;
  lo = f[w]!;
  if ((lo & P) === 0) return fault(out, Outcome.NO_CONTEXT, Reason.CONTEXT_NOT_PRESENT);
  if (req.pasid >= 0 && (lo & CTX_PASIDE) === 0) return fault(out, Outcome.NO_PASID, Reason.PASID_ENTRY_INVALID);
  const pasid = req.pasid >= 0 ? req.pasid : f[w + 2]! & CTX_RID_PASID_MASK;
  const dirIndex = pasid >>> 6;
  if (dirIndex >= 1 << (((lo & CTX_PDTS_MASK) >>> CTX_PDTS_SHIFT) + 7)) return fault(out, Outcome.NO_PASID, Reason.PASID_DIR_NOT_PRESENT);
  const dirAddr = entryAddr(lo, f[w + 1]!) + dirIndex * PASID_DIR_ENTRY_SIZE;

  // PASID directory entry: PASID[19:6].
  trace.push(Structure.PASID_DIR, dirIndex, dirAddr);
  f = frameOf(frames, dirAddr);
  w = (dirAddr % PAGE) >>> 2;
  lo = f[w]!;
  if ((lo & P) === 0) return fault(out, Outcome.NO_PASID, Reason.PASID_DIR_NOT_PRESENT);
  const peAddr = entryAddr(lo, f[w + 1]!) + (pasid & 0x3f) * PASID_ENTRY_SIZE;

  // PASID-table entry: PASID[5:0].
  trace.push(Structure.PASID_TABLE, pasid & 0x3f, peAddr);
  f = frameOf(frames, peAddr);
  w = (peAddr % PAGE) >>> 2;
  lo = f[w]!;
  if ((lo & P) === 0) return fault(out, Outcome.NO_PASID, Reason.PASID_ENTRY_NOT_PRESENT);
  const pgtt = (lo & PE_PGTT_MASK) >>> PE_PGTT_SHIFT;
  const aw = (lo & PE_AW_MASK) >>> PE_AW_SHIFT;
  const did = f[w + 2]! & PE_DID_MASK;
  out.did = did;
  out.pgtt = pgtt;
  out.pasidTag = req.pasid >= 0 ? req.pasid : 0;
  const levels = aw + 2;
  if (aw < 1 || aw > 3 || (pgtt !== PGTT.SECOND_ONLY && pgtt !== PGTT.PASS_THROUGH)) {
    return fault(out, Outcome.NO_PASID, Reason.PASID_ENTRY_INVALID);
  }
  // Input addresses above 2^width - 1 are refused before any page-table read (QEMU: ADDR_BEYOND_MGAW).
  if (req.vpfn >= LEVEL_SPAN[levels]! * 512) return fault(out, Outcome.BEYOND_WIDTH, Reason.ADDR_BEYOND_WIDTH);

  if (pgtt === PGTT.PASS_THROUGH) {
    out.outcome = Outcome.TRANSLATED;
    out.pfn = req.vpfn;
    out.offset = req.offset;
    out.level = 1;
    return;
  }

  if (iotlb !== null) {
    const slot = iotlb.lookupSlot(did, out.pasidTag, req.vpfn);
    if (slot >= 0 && iotlb.slotAllows(slot, req.write)) {
      const level = iotlb.slotLevel(slot);
      out.outcome = Outcome.TRANSLATED;
      out.hit = true;
      out.pfn = iotlb.slotPfn(slot) + (req.vpfn - iotlb.slotVpn(slot) * LEVEL_SPAN[level]!);
      out.offset = req.offset;
      out.level = level;
      return;
    }
  }

  // Second-stage walk from the top level; permissions are checked at every level, as QEMU does.
  let table = entryAddr(lo, f[w + 1]!);
  let read = true;
  let writeOk = true;
  for (let level = levels; level >= 1; level--) {
    const span = LEVEL_SPAN[level]!;
    const index = Math.floor(req.vpfn / span) % 512;
    const addr = table + index * PTE_SIZE;
    trace.push(Structure.PL0 + level, index, addr);
    f = frameOf(frames, addr);
    w = (addr % PAGE) >>> 2;
    lo = f[w]!;
    if ((lo & (SL_R | SL_W)) === 0) return fault(out, Outcome.NOT_MAPPED, req.write ? Reason.WRITE : Reason.READ);
    read = read && (lo & SL_R) !== 0;
    writeOk = writeOk && (lo & SL_W) !== 0;
    if (req.write ? !writeOk : !read) {
      return fault(out, req.write ? Outcome.WRITE_DENIED : Outcome.READ_DENIED, req.write ? Reason.WRITE : Reason.READ);
    }
    const next = entryAddr(lo, f[w + 1]!);
    if (level === 1 || (lo & SL_PS) !== 0) {
      const within = req.vpfn % span;
      const base = next / PAGE;
      out.outcome = Outcome.TRANSLATED;
      out.pfn = base + within;
      out.offset = req.offset;
      out.level = level;
      out.leafVpn = Math.floor(req.vpfn / span);
      out.leafPfn = base;
      out.leafRead = read;
      out.leafWrite = writeOk;
      if (fill && iotlb !== null) {
        iotlb.insert({ did, pasid: out.pasidTag, level, vpn: out.leafVpn, pfn: base, read, write: writeOk });
      }
      return;
    }
    table = next;
  }
}

function fault(out: TranslateResult, outcome: number, reason: number): void {
  out.outcome = outcome;
  out.reason = reason;
}
