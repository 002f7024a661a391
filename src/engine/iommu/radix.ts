/**
 * The one radix page-table walk every IOMMU uses (VT-d §3.6-3.8, SMMUv3 §3.3 with Arm LPAE,
 * AMD-Vi §2.2), driven by a format's decode (pte.ts): read the entry the input page indexes at each
 * level, fault when it is not present or does not grant the access, stop at a leaf. Nested
 * translation runs a first-stage walk whose table pointers and output are guest-physical, each
 * translated through the second stage first (why a 4-level over 4-level walk reads 24 entries).
 *
 * Hot path: no allocation; the walked leaf goes into `out` (level, leafPfn, leafRead, leafWrite).
 */
import { pteIsLeaf, pteRead, pteWrite, type PteFormat } from './pte.ts';
import { entryAddr } from './entry.ts';
import {
  Decision,
  LEVEL_SPAN,
  Outcome,
  PAGE,
  Structure,
  failed,
  frameOf,
  wordOf,
  type Frames,
  type TranslateResult,
  type WalkTrace,
} from './walk.ts';

/**
 * Walk `levels` levels from `table` for input page `vpfn`, recording each read as structure
 * `code0 + level`. Returns the output frame, or -1 after recording the fault in `out`.
 */
export function walkRadix(
  frames: Frames,
  fmt: PteFormat,
  table: number,
  levels: number,
  vpfn: number,
  write: boolean,
  trace: WalkTrace,
  code0: number,
  out: TranslateResult,
): number {
  // The decode, read once into locals: this loop is the engine's hot path (bench: full walks).
  const b = fmt.bits;
  const present = b.present;
  const leafMask = b.leafMask;
  const leafValue = b.leafValue;
  const maxLeafLevel = b.maxLeafLevel;
  const everyLevel = b.permsEveryLevel;
  let read = true;
  let writeOk = true;
  for (let level = levels; level >= 1; level--) {
    const span = LEVEL_SPAN[level]!;
    const index = Math.floor(vpfn / span) & 511;
    const addr = table + index * 8;
    trace.push(code0 + level, index, addr);
    const f = frameOf(frames, addr);
    const w = wordOf(addr);
    const lo = f[w]!;
    const hi = f[w + 1]!;
    if ((lo & present) === 0) {
      trace.decide(Decision.NOT_PRESENT);
      return failed(out, Outcome.NOT_MAPPED, fmt.faults.notPresent);
    }
    const leaf = level === 1 || (level <= maxLeafLevel && (lo & leafMask) === leafValue);
    if (leaf || everyLevel) {
      read = read && pteRead(b, lo, hi);
      writeOk = writeOk && pteWrite(b, lo, hi);
      if (write ? !writeOk : !read) {
        trace.decide(Decision.DENIED);
        return write
          ? failed(out, Outcome.WRITE_DENIED, fmt.faults.write)
          : failed(out, Outcome.READ_DENIED, fmt.faults.read);
      }
    }
    const next = entryAddr(lo, hi);
    if (leaf) {
      trace.decide(Decision.LEAF);
      out.level = level;
      out.leafPfn = next / PAGE;
      out.leafRead = read;
      out.leafWrite = writeOk;
      return out.leafPfn + (vpfn - Math.floor(vpfn / span) * span);
    }
    table = next;
  }
  return -1;
}

/** A fault in the stage-2 part of a nested walk (`out.ipa` already names the IPA); optionally the fault itself. */
function stage2Failed(out: TranslateResult, outcome?: number, reason?: number): number {
  out.stage2 = true;
  if (outcome !== undefined && reason !== undefined) return failed(out, outcome, reason);
  return -1;
}

/**
 * Nested translation: walk `s1` (guest tables: every pointer a GPA) with each table address and the
 * final GPA translated through `s2` first. Reads are named s1-plN and s2-plN. The result is cached
 * at 4 KiB (out.level = 1) with the permissions both stages grant. A GPA at or above page `s2Limit`
 * is beyond the second stage's input width (AMD-Vi: IO_PAGE_FAULT; Infinity where the IOMMU checks none).
 */
export function walkNested(
  frames: Frames,
  s1: PteFormat,
  s1Root: number,
  s1Levels: number,
  s2: PteFormat,
  s2Root: number,
  s2Levels: number,
  s2Limit: number,
  vpfn: number,
  write: boolean,
  trace: WalkTrace,
  out: TranslateResult,
): number {
  const b = s1.bits;
  let table = s1Root;
  let read = true;
  let writeOk = true;
  for (let level = s1Levels; level >= 1; level--) {
    // A stage-2 fault here is on the fetch of a stage-1 table: its IPA is what the fault records.
    out.ipa = table - (table % PAGE);
    out.ipaClass = 1;
    out.s2Fetch = Structure.S1_PL0 + level;
    if (Math.floor(table / PAGE) >= s2Limit) return stage2Failed(out, Outcome.BEYOND_WIDTH, s2.faults.notPresent);
    const p = walkRadix(frames, s2, s2Root, s2Levels, Math.floor(table / PAGE), false, trace, Structure.S2_PL0, out);
    if (p < 0) return stage2Failed(out);
    const span = LEVEL_SPAN[level]!;
    const index = Math.floor(vpfn / span) & 511;
    const addr = p * PAGE + index * 8;
    trace.push(Structure.S1_PL0 + level, index, addr);
    const f = frameOf(frames, addr);
    const w = wordOf(addr);
    const lo = f[w]!;
    const hi = f[w + 1]!;
    if ((lo & b.present) === 0) {
      trace.decide(Decision.NOT_PRESENT);
      return failed(out, Outcome.NOT_MAPPED, s1.faults.notPresent);
    }
    const leaf = pteIsLeaf(b, lo, level);
    if (leaf || b.permsEveryLevel) {
      read = read && pteRead(b, lo, hi);
      writeOk = writeOk && pteWrite(b, lo, hi);
      if (write ? !writeOk : !read) {
        trace.decide(Decision.DENIED);
        return write
          ? failed(out, Outcome.WRITE_DENIED, s1.faults.write)
          : failed(out, Outcome.READ_DENIED, s1.faults.read);
      }
    }
    const next = entryAddr(lo, hi);
    if (leaf) {
      trace.decide(Decision.LEAF);
      // The final GPA goes through the second stage too.
      const gpfn = next / PAGE + (vpfn - Math.floor(vpfn / span) * span);
      out.ipa = gpfn * PAGE;
      out.ipaClass = 2;
      out.s2Fetch = -1;
      if (gpfn >= s2Limit) return stage2Failed(out, Outcome.BEYOND_WIDTH, s2.faults.notPresent);
      const hpfn = walkRadix(frames, s2, s2Root, s2Levels, gpfn, write, trace, Structure.S2_PL0, out);
      if (hpfn < 0) return stage2Failed(out);
      out.level = 1;
      out.leafPfn = hpfn;
      out.leafRead = read && out.leafRead;
      out.leafWrite = writeOk && out.leafWrite;
      return hpfn;
    }
    table = next;
  }
  return -1;
}
