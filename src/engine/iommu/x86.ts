/**
 * The x86-64 (IA-32e) page-table format that VT-d's first stage and AMD-Vi's v2 tables share with
 * the CPU (VT-d §9.7; AMD-Vi §2.2.6; reference/iommu.md §3.6). Used by guest-owned tables (nested
 * translation: every pointer is a guest-physical address), by host processes bound with SVA
 * (pointers are host physical), and by paging domains in those formats. The Intel driver presets A
 * and D on the entries it writes (DMA_FL_PTE_ACCESS/DIRTY), so the walker never has to write back;
 * tables built here do the same.
 */
import { PAGE_SIZE } from '../hex.ts';
import { entryAddr, pointerWords } from './entry.ts';
import { pteFormat, pteIsLeaf, ptePresent, type PteBits, type PteFormat } from './pte.ts';

export const FL_P = 1 << 0;
export const FL_RW = 1 << 1;
export const FL_US = 1 << 2;
export const FL_A = 1 << 5;
export const FL_D = 1 << 6;
export const FL_PS = 1 << 7;
/** Execute-disable is bit 63: bit 31 of the high word. */
export const FL_XD_HI = 1 << 31;

const ENTRIES = 512;

/** Where a first-stage table lives: reads and writes by table address, and new zeroed tables. */
export interface TableSpace {
  word(addr: number, i: number): number;
  write(addr: number, words: ArrayLike<number>): void;
  allocTable(): number;
}

function spanOf(level: number): number {
  return 512 ** (level - 1);
}

/** A pointer to a lower table: present, writable, user, accessed. */
export function x86TableEntry(addr: number): [number, number] {
  return pointerWords(addr, FL_P | FL_RW | FL_US | FL_A);
}

/** A leaf as guest and process tables hold it: present, user, accessed, dirty; RW and PS as asked. */
export function x86LeafEntry(addr: number, write: boolean, large: boolean): [number, number] {
  return pointerWords(addr, FL_P | FL_US | FL_A | FL_D | (write ? FL_RW : 0) | (large ? FL_PS : 0));
}

/**
 * Map `pages` 4 KiB pages at `vpfn` to `pfn` (both in the table's own address spaces) with 2 MiB / 1 GiB
 * pages where aligned, in format `fmt` (x86-64 by default; SMMUv3 builds Arm LPAE stage-1 tables for
 * its processes and guests). Returns false (and writes nothing more) if a page is already mapped.
 */
export function mapFirstStage(
  space: TableSpace,
  root: number,
  levels: number,
  vpfn: number,
  pfn: number,
  pages: number,
  write: boolean,
  fmt: PteFormat = X86_64_PTE,
): boolean {
  return mapLevel(space, root, levels, vpfn, pfn, pages, write, fmt);
}

function mapLevel(
  space: TableSpace,
  table: number,
  level: number,
  vpfn: number,
  pfn: number,
  pages: number,
  write: boolean,
  fmt: PteFormat,
): boolean {
  const span = spanOf(level);
  while (pages > 0) {
    const addr = table + (Math.floor(vpfn / span) % ENTRIES) * 8;
    const lo = space.word(addr, 0);
    const hi = space.word(addr, 1);
    const present = ptePresent(fmt.bits, lo);
    const leafOk = level === 1 || (level <= 3 && vpfn % span === 0 && pfn % span === 0 && pages >= span);
    if (leafOk && !present) {
      space.write(addr, fmt.leaf(pfn * PAGE_SIZE, true, write, level));
      vpfn += span;
      pfn += span;
      pages -= span;
      continue;
    }
    if (present && pteIsLeaf(fmt.bits, lo, level)) return false;
    let child: number;
    if (present) {
      child = entryAddr(lo, hi);
    } else {
      child = space.allocTable();
      space.write(addr, fmt.table(child, level));
    }
    const inEntry = Math.min(pages, span - (vpfn % span));
    if (!mapLevel(space, child, level - 1, vpfn, pfn, inEntry, write, fmt)) return false;
    vpfn += inEntry;
    pfn += inEntry;
    pages -= inEntry;
  }
  return true;
}

/**
 * The x86-64 decode: P present, PS a large page at levels 3 and 2 only (1 GiB, 2 MiB), R/W ANDed
 * over every level; x86-64 paging cannot deny reads (XD concerns instruction fetches).
 */
export const X86_64_BITS: PteBits = {
  present: FL_P,
  leafMask: FL_PS,
  leafValue: FL_PS,
  maxLeafLevel: 3,
  readAlways: true,
  readLo: 0,
  readHi: 0,
  writeLo: FL_RW,
  writeHi: 0,
  writeWhenClear: false,
  permsEveryLevel: true,
};

/**
 * x86-64 entries as guest and process tables hold them (the builder's default). A walk uses its
 * IOMMU's own x86-64 format, which carries that IOMMU's fault codes (vtd/formats.ts, amd/layout.ts).
 */
export const X86_64_PTE: PteFormat = pteFormat(
  'x86-64',
  X86_64_BITS,
  { notPresent: 0, read: 0, write: 0 },
  (addr, _read, write, level) => x86LeafEntry(addr, write, level > 1),
  (addr) => x86TableEntry(addr),
);
