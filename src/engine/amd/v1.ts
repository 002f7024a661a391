/**
 * AMD-Vi with v1 (host) page tables, the Linux driver's default mode (amd/io_pgtable.c): the DTE
 * holds the domain's page-table root (Mode = levels) and the domain's DomainID; there are no PASIDs
 * (PASID attach needs v2 tables, amd_iommu=pgtbl_v2). The walk reads the DTE, then the v1 levels:
 * a directory entry names the next level, a page has NextLevel 0 (at level 2 or 3, a large page).
 */
import { fail } from '../errors.ts';
import type { Iotlb } from '../iotlb.ts';
import type { MemoryDraft } from '../memory.ts';
import type { DeviceTables, PasidTarget } from '../vtd/tables.ts';
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
  DTE_IR_HI,
  DTE_IW_HI,
  DTE_MODE_SHIFT,
  DTE_SIZE,
  DTE_TV,
  DTE_V,
  V1_IR_HI,
  V1_IW_HI,
  V1_NL_SHIFT,
  V1_PR,
  dtePassThroughWords,
  dteV1Words,
} from './layout.ts';
import { AmdEvent } from './translate.ts';

function dteAddr(root: number, dev: DeviceTables): number {
  return root + ((dev.bus << 8) | dev.devfn) * DTE_SIZE;
}

/** V and TV with no translation and no access: every DMA is blocked (the driver's initial DTE). */
function blockedDte(): number[] {
  const w = new Array<number>(8).fill(0);
  w[0] = DTE_V | DTE_TV;
  return w;
}

export function allocNoPasidTable(): { pasidDir: number; pdts: number } {
  return { pasidDir: 0, pdts: 0 };
}

export function programDteV1(mem: MemoryDraft, root: number, dev: DeviceTables): void {
  if ((mem.word(dteAddr(root, dev), 0) & DTE_V) === 0) mem.write(dteAddr(root, dev), blockedDte());
}

export function setDteV1(mem: MemoryDraft, root: number, dev: DeviceTables, pasid: number, target: PasidTarget): void {
  if (pasid !== 0) fail('EOPNOTSUPP', `AMD-Vi v1 page tables have no PASIDs (platform.pageTable "v2" models them)`);
  if (target.kind === 'pass-through') mem.write(dteAddr(root, dev), dtePassThroughWords(0));
  else if (target.kind === 'second-stage')
    mem.write(dteAddr(root, dev), dteV1Words(target.pgd, target.levels ?? (target.width === 39 ? 3 : 4), target.did));
  else fail('EOPNOTSUPP', `AMD-Vi v1: ${target.kind} translation is not modelled`);
}

export function clearDteV1(mem: MemoryDraft, root: number, dev: DeviceTables, pasid: number): void {
  if (pasid === 0 && (mem.word(dteAddr(root, dev), 0) & DTE_V) !== 0) mem.write(dteAddr(root, dev), blockedDte());
}

export function translateAmdV1(
  frames: Frames,
  devTable: number,
  req: DmaRequest,
  iotlb: Iotlb | null,
  fill: boolean,
  trace: WalkTrace,
  out: TranslateResult,
): void {
  beginWalk(trace, out);
  out.pasidTag = 0;
  const devId = (req.bus << 8) | req.devfn;
  const dte = devTable + devId * DTE_SIZE;
  trace.push(Structure.ROOT, devId, dte);
  const f = frameOf(frames, dte);
  const w = wordOf(dte);
  const w0 = f[w]!;
  const w1 = f[w + 1]!;
  if ((w0 & DTE_V) === 0 || (w0 & DTE_TV) === 0)
    return fault(out, Outcome.NO_CONTEXT, AmdEvent.ILLEGAL_DEV_TABLE_ENTRY);
  const domId = f[w + 2]! & DTE_DOMID_MASK;
  out.did = domId;
  if (req.pasid >= 0) return fault(out, Outcome.NO_PASID, AmdEvent.IO_PAGE_FAULT);
  const mode = (w0 >>> DTE_MODE_SHIFT) & 0b111;
  if (mode === 0) {
    // No translation: the DTE's IR/IW decide whether the access passes (identity) or is blocked.
    if ((w1 & (req.write ? DTE_IW_HI : DTE_IR_HI)) === 0) return fault(out, Outcome.NO_PASID, AmdEvent.IO_PAGE_FAULT);
    return passThrough(out, req);
  }
  out.pgtt = 2;
  if (req.vpfn >= LEVEL_SPAN[mode]! * 512) return fault(out, Outcome.BEYOND_WIDTH, AmdEvent.IO_PAGE_FAULT);
  if (iotlbHit(iotlb, domId, req, out)) return;
  let table = (w1 & 0xfffff) * 2 ** 32 + ((w0 & 0xfffff000) >>> 0);
  for (let level = mode; level >= 1; level--) {
    const span = LEVEL_SPAN[level]!;
    const index = Math.floor(req.vpfn / span) & 511;
    const addr = table + index * 8;
    trace.push(Structure.PL0 + level, index, addr);
    const e = frameOf(frames, addr);
    const x = wordOf(addr);
    const lo = e[x]!;
    const hi = e[x + 1]!;
    if ((lo & V1_PR) === 0) return fault(out, Outcome.NOT_MAPPED, AmdEvent.IO_PAGE_FAULT);
    const next = (hi & 0xfffff) * 2 ** 32 + ((lo & 0xfffff000) >>> 0);
    if (level === 1 || ((lo >>> V1_NL_SHIFT) & 0b111) === 0) {
      const read = (hi & V1_IR_HI) !== 0;
      const write = (hi & V1_IW_HI) !== 0;
      if (req.write ? !write : !read)
        return fault(out, req.write ? Outcome.WRITE_DENIED : Outcome.READ_DENIED, AmdEvent.IO_PAGE_FAULT);
      finishLeaf(out, req, domId, level, next / 4096, read, write, iotlb, fill);
      return;
    }
    table = next;
  }
}
