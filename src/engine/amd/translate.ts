/**
 * The AMD-Vi walk in v2 mode (AMD IOMMU spec §2.2 "Guest translation"): DTE[DeviceID] → GCR3
 * table (one or two levels, indexed by PASID; untagged traffic uses PASID 0 when GIoV is set) → the
 * x86-64 (v2) page table. The IOTLB is tagged with the DTE's DomainID (per device in v2 mode) and the
 * PASID. Faults are reported as AMD events: ILLEGAL_DEV_TABLE_ENTRY 0x1, IO_PAGE_FAULT 0x2.
 */
import type { Iotlb } from '../iotlb.ts';
import { FL_P, FL_PS, FL_RW } from '../vtd/firststage.ts';
import { entryAddr } from '../vtd/layout.ts';
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
  DTE_DOMID_MASK,
  DTE_GIOV_HI,
  DTE_GLX_SHIFT_HI,
  DTE_GV_HI,
  DTE_SIZE,
  DTE_TV,
  DTE_V,
  GCR3_ENTRY_SIZE,
  dteGcr3,
} from './layout.ts';

export const AmdEvent = { ILLEGAL_DEV_TABLE_ENTRY: 0x1, IO_PAGE_FAULT: 0x2 } as const;

export function translateAmd(
  frames: Frames,
  devTable: number,
  req: DmaRequest,
  iotlb: Iotlb | null,
  fill: boolean,
  trace: WalkTrace,
  out: TranslateResult,
): void {
  beginWalk(trace, out);
  out.pasidTag = req.pasid >= 0 ? req.pasid : 0;

  const devId = (req.bus << 8) | req.devfn;
  const dte = devTable + devId * DTE_SIZE;
  trace.push(Structure.ROOT, devId, dte);
  let f = frameOf(frames, dte);
  let w = wordOf(dte);
  const w0 = f[w]!;
  const w1 = f[w + 1]!;
  if ((w0 & DTE_V) === 0 || (w0 & DTE_TV) === 0)
    return fault(out, Outcome.NO_CONTEXT, AmdEvent.ILLEGAL_DEV_TABLE_ENTRY);
  const domId = f[w + 2]! & DTE_DOMID_MASK;
  out.did = domId;
  if ((w1 & DTE_GV_HI) === 0) return passThrough(out, req);
  if (req.pasid < 0 && (w1 & DTE_GIOV_HI) === 0) return passThrough(out, req);
  const pasid = req.pasid >= 0 ? req.pasid : 0;
  const glx = (w1 >>> DTE_GLX_SHIFT_HI) & 0b11;
  if (pasid >= 2 ** (9 * (glx + 1))) return fault(out, Outcome.NO_PASID, AmdEvent.IO_PAGE_FAULT);
  let gcr3 = dteGcr3(w1, f[w + 2]!, f[w + 3]!);

  if (glx === 1) {
    const l1 = gcr3 + (pasid >>> 9) * GCR3_ENTRY_SIZE;
    trace.push(Structure.PASID_DIR, pasid >>> 9, l1);
    f = frameOf(frames, l1);
    w = wordOf(l1);
    if ((f[w]! & 1) === 0) return fault(out, Outcome.NO_PASID, AmdEvent.IO_PAGE_FAULT);
    gcr3 = entryAddr(f[w]!, f[w + 1]!);
  }
  const entry = gcr3 + (pasid & 511) * GCR3_ENTRY_SIZE;
  trace.push(Structure.PASID_TABLE, pasid & 511, entry);
  f = frameOf(frames, entry);
  w = wordOf(entry);
  if ((f[w]! & 1) === 0) return fault(out, Outcome.NO_PASID, AmdEvent.IO_PAGE_FAULT);
  let table = entryAddr(f[w]!, f[w + 1]!);
  out.pgtt = 1;
  // v2 tables are x86-64 4-level: canonical lower-half addresses only.
  if (req.vpfn >= 2 ** 35) return fault(out, Outcome.BEYOND_WIDTH, AmdEvent.IO_PAGE_FAULT);

  if (iotlbHit(iotlb, domId, req, out)) return;

  let writeOk = true;
  for (let level = 4; level >= 1; level--) {
    const span = LEVEL_SPAN[level]!;
    const index = Math.floor(req.vpfn / span) & 511;
    const addr = table + index * 8;
    trace.push(Structure.PL0 + level, index, addr);
    f = frameOf(frames, addr);
    w = wordOf(addr);
    const lo = f[w]!;
    if ((lo & FL_P) === 0) return fault(out, Outcome.NOT_MAPPED, AmdEvent.IO_PAGE_FAULT);
    writeOk = writeOk && (lo & FL_RW) !== 0;
    if (req.write && !writeOk) return fault(out, Outcome.WRITE_DENIED, AmdEvent.IO_PAGE_FAULT);
    const next = entryAddr(lo, f[w + 1]!);
    if (level === 1 || (level <= 3 && (lo & FL_PS) !== 0)) {
      finishLeaf(out, req, domId, level, next / 4096, true, writeOk, iotlb, fill);
      return;
    }
    table = next;
  }
}
