/**
 * First-stage page tables: the x86-64 (IA-32e) format that VT-d's first stage shares with the CPU
 * (VT-d §9.7; reference/iommu.md §3.6). Used by guest-owned tables (nested translation: every
 * pointer is a guest-physical address) and by host processes bound with SVA (pointers are host
 * physical). The Intel driver presets A and D on the entries it writes (DMA_FL_PTE_ACCESS/DIRTY),
 * so the walker never has to write back; tables built here do the same.
 */
import { PAGE_SIZE } from '../hex.ts';
import { entryAddr, pointerWords } from './layout.ts';
import type { PteFormat } from './pagetable.ts';

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
function tableEntry(addr: number): [number, number] {
  return pointerWords(addr, FL_P | FL_RW | FL_US | FL_A);
}

function leafEntry(addr: number, write: boolean, large: boolean): [number, number] {
  return pointerWords(addr, FL_P | FL_US | FL_A | FL_D | (write ? FL_RW : 0) | (large ? FL_PS : 0));
}

/**
 * Map `pages` 4 KiB pages at `vpfn` to `pfn` (both in the table's own address spaces) with 2 MiB / 1 GiB
 * pages where aligned. Returns false (and writes nothing more) if a page is already mapped.
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
    const present = fmt.present(lo);
    const leafOk = level === 1 || (level <= 3 && vpfn % span === 0 && pfn % span === 0 && pages >= span);
    if (leafOk && !present) {
      space.write(addr, fmt.leaf(pfn * PAGE_SIZE, true, write, level));
      vpfn += span;
      pfn += span;
      pages -= span;
      continue;
    }
    if (present && fmt.isLeaf(lo, level)) return false;
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
 * The same x86-64 entries as a page-table format for paging domains (AMD-Vi's v2 tables, which the
 * Linux driver uses for every domain in its v2 mode). x86-64 paging cannot deny reads.
 */
export const X86_64_PTE: PteFormat = {
  present: (lo) => (lo & FL_P) !== 0,
  isLeaf: (lo, level) => level === 1 || (lo & FL_PS) !== 0,
  leaf: (addr, _read, write, level) => leafEntry(addr, write, level > 1),
  table: (addr) => tableEntry(addr),
};

/**
 * First-stage entries of a VT-d paging domain (a DMA-API domain, first stage on hardware with both
 * stages), as iommu.c __domain_mapping and pfn_to_dma_pte write them: leaves P | RW (writable) |
 * US | A | D (writable) | XD, PS for 2 MiB / 1 GiB; table pointers P | RW | US | A.
 * x86-64 paging cannot deny reads.
 */
export const VTD_FIRST_STAGE: PteFormat = {
  present: (lo) => (lo & FL_P) !== 0,
  isLeaf: (lo, level) => level === 1 || (lo & FL_PS) !== 0,
  leaf: (addr, _read, write, level) => {
    const [lo, hi] = pointerWords(addr, FL_P | FL_US | FL_A | (write ? FL_RW | FL_D : 0) | (level > 1 ? FL_PS : 0));
    return [lo, (hi | FL_XD_HI) >>> 0];
  },
  table: (addr) => tableEntry(addr),
};
