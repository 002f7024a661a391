/**
 * VT-d fault lines, every format the Intel driver has printed (drivers/iommu/intel/dmar.c
 * `dmar_fault_do_one`):
 * - 4.x:   `DMAR: [DMA Read] Request device [00:02.0] fault addr 7ee29000 [fault reason 12] …`
 * - 5.0–5.8: `… Request device [02:00.0] PASID ffffffff fault addr 791dd000 [fault reason 02] …`
 * - 5.9–5.10: `[DMA Read NO_PASID] Request device [0x00:0x02.0] fault addr 0x… [fault reason 0x06] …`
 * - today: `[DMA Write NO_PASID] Request device [00:1a.0] fault addr 0x0 [fault reason 0x05] …`,
 *   `[DMA Read PASID 0x5] …`.
 * Before 5.9 the reason was printed with %02d, so `[fault reason 12]` is decimal 12 (0xc); since 5.9 it
 * is `0x%02x`. `[INTR-REMAP]` lines are interrupt-remapping faults, not DMA faults, and are left out
 * (docs/explain.md). A line a mail client wrapped is joined with the next one.
 */
import { vtdReason } from './vtdReasons.ts';
import { hexOut, normalBdf, parseHex, stripPrefix } from './logText.ts';
import type { ExplainedFault } from './types.ts';

const DMA =
  /\[(DMA Read|DMA Write)(?: (NO_PASID|w\/o PASID|PASID (?:0x)?[0-9a-f]+))?\]\s*Request device \[([0-9a-fx:.]+)\](?:\s+PASID ([0-9a-f]+))?\s+fault addr\s+(?:0x)?([0-9a-f]+)/i;
const REASON = /\[fault reason (0x)?([0-9a-f]+)(h?)\]\s*(.*)$/i;
const PASID_INVALID = 0xffffffff;
/** Lines of the table dump 5.13+ prints after a DMA fault (`dmar_fault_dump_ptes`). */
const DUMP =
  /DMAR:\s*((?:scalable mode root entry|root entry|context entry|pasid dir entry|pasid table entry\[\d+\]|PTE not present at level|pte level|Dump dmar\d+ table entries for IOVA|No PASID directory|No PASID table|root table|context table).*)$/i;
const DUMP_WINDOW = 24;

/** The table dump following a fault line, as details (the walk the kernel read back). */
function dumpAfter(lines: readonly string[], end: number): string[] {
  const out: string[] = [];
  for (let j = end + 1; j < lines.length && j <= end + DUMP_WINDOW; j++) {
    const l = lines[j]!;
    if (/Request device/.test(l)) break;
    const m = DUMP.exec(l);
    // Empty PASID-table entries (all zero) say nothing; the dump prints eight of them.
    if (m) {
      if (!/^pasid table entry\[\d+\]: 0x0+$/i.test(m[1]!.trim())) out.push(m[1]!.trim());
    } else if (out.length > 0 && !/DRHD: handling fault/.test(l)) break;
  }
  return out;
}

function pasidOf(bracket: string | undefined, old: string | undefined): number | null {
  const text = bracket?.startsWith('PASID ') ? bracket.slice(6) : old;
  if (text === undefined) return null;
  const v = Number(parseHex(text));
  return v === PASID_INVALID ? null : v;
}

/** The VT-d DMA fault starting at `lines[i]`, or null. */
export function vtdFaultAt(lines: readonly string[], i: number): ExplainedFault | null {
  const text = lines[i]!;
  if (!/Request device/.test(text) || /\[INTR-REMAP\]/.test(text)) return null;
  let end = i;
  let m = DMA.exec(text);
  let r = m ? REASON.exec(text.slice(m.index)) : null;
  // A wrapped line (mail, bug tracker) or 3.x's second "DMAR:[fault reason NN]" line.
  if ((!m || !r) && i + 1 < lines.length) {
    const joined = `${text.trimEnd()} ${stripPrefix(lines[i + 1]!).replace(/^DMAR:\s*/, '')}`;
    const m2 = DMA.exec(joined);
    const r2 = m2 ? REASON.exec(joined.slice(m2.index)) : null;
    if (m2 && r2) {
      m = m2;
      r = r2;
      end = i + 1;
    }
  }
  if (!m || !r) return null;
  const device = normalBdf(m[3]!);
  if (device === null) return null;
  // %02d before 5.9 (decimal), 0x%02x after; a bare number with an "h" suffix is hex too.
  const code = r[1] || r[3] ? Number.parseInt(r[2]!, 16) : Number.parseInt(r[2]!, 10);
  const info = vtdReason(code);
  return {
    line: i + 1,
    iommu: 'vtd',
    device,
    pasid: pasidOf(m[2], m[4]),
    addr: hexOut(parseHex(m[5]!)),
    access: m[1]!.toLowerCase() === 'dma read' ? 'read' : 'write',
    reason: hexOut(code),
    meaning: info.meaning,
    structure: info.structure,
    fault: info.fault,
    text: info.text !== 'Unknown' ? info.text : r[4]!.trim() || info.text,
    details: dumpAfter(lines, end),
    endLine: end + 1,
  };
}
