/**
 * Paging-domain page tables in simulated memory, in any IOMMU's entry format (pte.ts), built the
 * way the Intel driver builds them (and io-pgtable-arm / amd io_pgtable alike): non-leaf entries
 * grant everything, leaves carry the mapping's permissions, and 2 MiB / 1 GiB leaves are used
 * wherever IOVA, PA and the remaining size are aligned (kernel __domain_mapping with
 * hardware_largepage_caps). Unmap follows intel_iommu_unmap: a large leaf only partly inside the
 * range is removed whole, and table pages the range covers entirely are freed (dma_pte_clear_level).
 */
import { PAGE_SIZE } from '../hex.ts';
import type { MemoryDraft } from '../memory.ts';
import { entryAddr } from './entry.ts';
import { ptePresent, pteIsLeaf, type PteFormat } from './pte.ts';

const PTE_SIZE = 8;
const present = (fmt: PteFormat, lo: number): boolean => ptePresent(fmt.bits, lo);
const isTable = (fmt: PteFormat, lo: number, level: number): boolean =>
  ptePresent(fmt.bits, lo) && !pteIsLeaf(fmt.bits, lo, level);

const ENTRIES = 512;
/** 4 KiB pages covered by one entry at `level` (level 1 = PTE). */
export function spanOf(level: number): number {
  return 512 ** (level - 1);
}

export interface TableStats {
  allocated: number;
  freed: number;
}

/** A contiguous run of input pages removed by an unmap. */
export interface RemovedRun {
  iovaPfn: number;
  pages: number;
}

function readPte(mem: MemoryDraft, addr: number): [number, number] {
  return [mem.word(addr, 0), mem.word(addr, 1)];
}

export function createPageTable(mem: MemoryDraft, what: string, stats: TableStats): number {
  stats.allocated++;
  return mem.allocFrame(what);
}

/** Map `pages` 4 KiB pages at input page `iovaPfn` to frame `pfn`; the range must be unmapped. */
export function mapRange(
  mem: MemoryDraft,
  pgd: number,
  levels: number,
  iovaPfn: number,
  pfn: number,
  pages: number,
  read: boolean,
  write: boolean,
  stats: TableStats,
  fmt: PteFormat,
): void {
  mapLevel(mem, pgd, levels, iovaPfn, pfn, pages, read, write, stats, fmt);
}

function mapLevel(
  mem: MemoryDraft,
  table: number,
  level: number,
  iovaPfn: number,
  pfn: number,
  pages: number,
  read: boolean,
  write: boolean,
  stats: TableStats,
  fmt: PteFormat,
): void {
  if (level === 1) {
    writeLeaves(mem, table, iovaPfn, pfn, pages, read, write, fmt);
    return;
  }
  const span = spanOf(level);
  while (pages > 0) {
    const addr = table + (Math.floor(iovaPfn / span) % ENTRIES) * PTE_SIZE;
    const canLeaf = level === 1 || (level <= 3 && iovaPfn % span === 0 && pfn % span === 0 && pages >= span);
    const [lo, hi] = readPte(mem, addr);
    if (canLeaf) {
      // Room for a superpage: drop an (empty) small-page table left by earlier unmaps.
      if (level > 1 && isTable(fmt, lo, level)) freeSubtree(mem, entryAddr(lo, hi), level - 1, stats, fmt);
      mem.write(addr, fmt.leaf(pfn * PAGE_SIZE, read, write, level));
      iovaPfn += span;
      pfn += span;
      pages -= span;
      continue;
    }
    let child: number;
    if (isTable(fmt, lo, level)) {
      child = entryAddr(lo, hi);
    } else {
      child = createPageTable(mem, `a level-${level - 1} page table`, stats);
      mem.write(addr, fmt.table(child, level));
    }
    const inEntry = Math.min(pages, span - (iovaPfn % span));
    mapLevel(mem, child, level - 1, iovaPfn, pfn, inEntry, read, write, stats, fmt);
    iovaPfn += inEntry;
    pfn += inEntry;
    pages -= inEntry;
  }
}

/**
 * The 4 KiB leaves of one last-level table (the caller never crosses a table), written in one go:
 * the budget allows 16 million of them (budget.ts), so this loop is the cost of the largest map.
 */
function writeLeaves(
  mem: MemoryDraft,
  table: number,
  iovaPfn: number,
  pfn: number,
  pages: number,
  read: boolean,
  write: boolean,
  fmt: PteFormat,
): void {
  const words = new Uint32Array(pages * 2);
  for (let k = 0; k < pages; k++) {
    const [lo, hi] = fmt.leaf((pfn + k) * PAGE_SIZE, read, write, 1);
    words[2 * k] = lo;
    words[2 * k + 1] = hi;
  }
  mem.write(table + (iovaPfn % ENTRIES) * PTE_SIZE, words);
}

/** Clear every leaf that intersects [iovaPfn, iovaPfn + pages); returns the runs actually removed. */
export function unmapRange(
  mem: MemoryDraft,
  pgd: number,
  levels: number,
  iovaPfn: number,
  pages: number,
  stats: TableStats,
  fmt: PteFormat,
): RemovedRun[] {
  const out: RemovedRun[] = [];
  unmapLevel(mem, pgd, levels, iovaPfn, iovaPfn + pages, out, stats, fmt);
  return out;
}

function unmapLevel(
  mem: MemoryDraft,
  table: number,
  level: number,
  start: number,
  end: number,
  out: RemovedRun[],
  stats: TableStats,
  fmt: PteFormat,
): void {
  const span = spanOf(level);
  let base = Math.floor(start / span) * span;
  const tableEnd = (Math.floor(start / (span * ENTRIES)) + 1) * span * ENTRIES;
  for (; base < end && base < tableEnd; base += span) {
    const addr = table + (Math.floor(base / span) % ENTRIES) * PTE_SIZE;
    const [lo, hi] = readPte(mem, addr);
    if (!present(fmt, lo)) continue;
    if (pteIsLeaf(fmt.bits, lo, level)) {
      mem.write(addr, [0, 0]);
      pushRun(out, base, span);
      continue;
    }
    const child = entryAddr(lo, hi);
    if (start <= base && base + span <= end) {
      collectLeaves(mem, child, level - 1, base, out, fmt);
      freeSubtree(mem, child, level - 1, stats, fmt);
      mem.write(addr, [0, 0]);
    } else {
      unmapLevel(mem, child, level - 1, Math.max(start, base), Math.min(end, base + span), out, stats, fmt);
    }
  }
}

function pushRun(out: RemovedRun[], iovaPfn: number, pages: number): void {
  const last = out[out.length - 1];
  if (last && last.iovaPfn + last.pages === iovaPfn) last.pages += pages;
  else out.push({ iovaPfn, pages });
}

function collectLeaves(
  mem: MemoryDraft,
  table: number,
  level: number,
  base: number,
  out: RemovedRun[],
  fmt: PteFormat,
): void {
  const span = spanOf(level);
  for (let i = 0; i < ENTRIES; i++) {
    const [lo, hi] = readPte(mem, table + i * PTE_SIZE);
    if (!present(fmt, lo)) continue;
    if (pteIsLeaf(fmt.bits, lo, level)) pushRun(out, base + i * span, span);
    else collectLeaves(mem, entryAddr(lo, hi), level - 1, base + i * span, out, fmt);
  }
}

/** Free a table page and every table below it. */
export function freeSubtree(mem: MemoryDraft, table: number, level: number, stats: TableStats, fmt: PteFormat): void {
  if (level > 1) {
    for (let i = 0; i < ENTRIES; i++) {
      const [lo, hi] = readPte(mem, table + i * PTE_SIZE);
      if (isTable(fmt, lo, level)) freeSubtree(mem, entryAddr(lo, hi), level - 1, stats, fmt);
    }
  }
  mem.freeFrame(table);
  stats.freed++;
}
