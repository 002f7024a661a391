/**
 * The budget of materialised simulated memory (MODEL.md "Limits"; docs/limits.md). Every table and
 * structure the engine builds is a real 4 KiB page of bytes (memory.ts), and building a page costs
 * time in the browser tab: a `map` of 1 TiB at an unaligned address is 2^28 PTEs, minutes of work
 * and gigabytes. So the model holds at most `MAX_PAGES` pages, counted as the pages materialised now
 * plus what a command would add, and refuses a command that would go over it with ENOMEM naming the
 * cost, before doing any of the work:
 *  - a map (any op that fills page tables: map, ioasidMap, assign, ioasMap/ioasCopy on every HWPT of
 *    the IOAS, a new HWPT filled from its IOAS, guestMap, processMap) is costed up front in closed
 *    form (`mapCost`), so refusing it takes microseconds whatever its size;
 *  - every other allocation (PASID tables, context tables, process roots, SVA binds…) is one page at
 *    a time and is checked as it is made (memory.ts), which bounds it the same way.
 */
import { fail } from './errors.ts';

/** Pages of 4 KiB the model materialises at most: 128 MiB of simulated tables and structures. */
export const MAX_PAGES = 32_768;
/** 64-bit entries in a page. */
export const ENTRIES_PER_PAGE = 512;
/** The same budget in 64-bit entries: 16,777,216 (a 64 GiB range in 4 KiB PTEs). */
export const MAX_ENTRIES = MAX_PAGES * ENTRIES_PER_PAGE;

/** What a command would materialise: leaf entries written and (an upper bound on) new table pages. */
export interface MapCost {
  readonly ptes: number;
  readonly pages: number;
}

export const NO_COST: MapCost = { ptes: 0, pages: 0 };

const fmt = (n: number) => n.toLocaleString('en-US');

/** Tables of `level` (each covering 512^level input pages) that the input range [from, to) touches. */
function tablesTouched(from: number, to: number, level: number): number {
  if (to <= from) return 0;
  const cover = ENTRIES_PER_PAGE ** level;
  return Math.floor((to - 1) / cover) - Math.floor(from / cover) + 1;
}

/** One run of leaves of one size: [from, to) in 4 KiB pages, leaves at `leafLevel` (1: 4 KiB, 2: 2 MiB, 3: 1 GiB). */
function runCost(from: number, to: number, leafLevel: number, levels: number): MapCost {
  if (to <= from) return NO_COST;
  let pages = 0;
  // A leaf at level L lives in a level-L table; tables from there up to below the root may be new.
  for (let l = leafLevel; l < levels; l++) pages += tablesTouched(from, to, l);
  return { ptes: (to - from) / ENTRIES_PER_PAGE ** (leafLevel - 1), pages };
}

const up = (x: number, a: number) => Math.ceil(x / a) * a;
const down = (x: number, a: number) => Math.floor(x / a) * a;

/** A run of leaves of one size: input pages [from, to), leaves at `level` (1: 4 KiB, 2: 2 MiB, 3: 1 GiB). */
export interface LeafRun {
  readonly from: number;
  readonly to: number;
  readonly level: 1 | 2 | 3;
}

/**
 * The leaves mapping `pages` 4 KiB pages at input page `iovaPfn` to frame `pfn` will use, as at most
 * five runs, with the leaf rule of iommu/pagetable.ts and iommu/x86.ts: a 2 MiB or 1 GiB leaf
 * wherever input, output and the remaining size are aligned, 4 KiB elsewhere. In closed form, so a
 * 1 TiB request costs as little to describe as a 4 KiB one.
 */
export function leafRuns(iovaPfn: number, pfn: number, pages: number): LeafRun[] {
  const a = iovaPfn;
  const e = iovaPfn + pages;
  const M = ENTRIES_PER_PAGE;
  const G = M * M;
  const ms = up(a, M);
  const me = down(e, M);
  // Input and output must be aligned alike for a large leaf; otherwise every leaf is 4 KiB.
  if ((iovaPfn - pfn) % M !== 0 || ms >= me) return [{ from: a, to: e, level: 1 }];
  const gs = up(a, G);
  const ge = down(e, G);
  const middle: LeafRun[] =
    (iovaPfn - pfn) % G === 0 && gs < ge
      ? [
          { from: ms, to: gs, level: 2 },
          { from: gs, to: ge, level: 3 },
          { from: ge, to: me, level: 2 },
        ]
      : [{ from: ms, to: me, level: 2 }];
  const runs: LeafRun[] = [{ from: a, to: ms, level: 1 }, ...middle, { from: me, to: e, level: 1 }];
  return runs.filter((r) => r.to > r.from);
}

/**
 * The cost of that mapping in `levels`-level radix tables: its leaves, and every table page the range
 * touches below the root as if none existed yet (an upper bound, exact for a fresh range).
 */
export function mapCost(iovaPfn: number, pfn: number, pages: number, levels: number): MapCost {
  return sumCosts(leafRuns(iovaPfn, pfn, pages).map((r) => runCost(r.from, r.to, r.level, levels)));
}

export function sumCosts(costs: readonly MapCost[]): MapCost {
  let ptes = 0;
  let pages = 0;
  for (const c of costs) {
    ptes += c.ptes;
    pages += c.pages;
  }
  return { ptes, pages };
}

/**
 * Refuse `what` (e.g. "map", "ioasMap onto 3 HWPTs") with ENOMEM when its cost would take the pages in
 * use past the budget. Called before any of the work.
 */
export function checkMapBudget(what: string, cost: MapCost, pagesInUse: number): void {
  if (pagesInUse + cost.pages <= MAX_PAGES) return;
  fail(
    'ENOMEM',
    `${what} would write ${fmt(cost.ptes)} PTEs in up to ${fmt(cost.pages)} new table pages, over the ${fmt(MAX_ENTRIES)} entries ` +
      `(${fmt(MAX_PAGES)} pages of 4 KiB) this model holds; ${fmt(pagesInUse)} pages are in use (docs/limits.md)`,
  );
}

/** Refuse one more structure allocation of `count` pages past the budget (memory.ts calls this). */
export function checkAllocBudget(what: string, count: number, pagesInUse: number): void {
  if (pagesInUse + count <= MAX_PAGES) return;
  fail(
    'ENOMEM',
    `allocating ${what} would take simulated memory past the ${fmt(MAX_PAGES)} pages of 4 KiB (${fmt(MAX_ENTRIES)} entries) this model holds; ${fmt(pagesInUse)} are in use (docs/limits.md)`,
  );
}
