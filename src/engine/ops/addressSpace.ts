/** Address-space ops: map/unmap on a domain's second-stage table, and /dev/ioasid-style IOASIDs. */
import type { Draft } from '../draft.ts';
import { fail } from '../errors.ts';
import { hex } from '../hex.ts';
import type { Domain, Mapping } from '../model.ts';
import type { CommandOf } from '../scenario/schema.ts';
import { domainLevels, domainWidth } from '../iommu/registry.ts';
import { levelsOf } from '../vtd/layout.ts';
import { mapRange, unmapRange, type RemovedRun, type TableStats } from '../iommu/pagetable.ts';
import { HAW_BITS, addrOfPfn, bytesOf, checkRangeFits, pageAddress, pageCount } from './args.ts';
import { allocDomain, attach, auxAttach, targetOf } from './domains.ts';
import { configWritten, deferFlush, invalidateDomain, waitForInvalidations } from '../invalidation.ts';
import { checkMapBudget, leafRuns, mapCost, sumCosts } from '../budget.ts';

export function pagingDomain(d: Draft, id: string, op: string): Domain & { pgd: number; did: number } {
  const dom = d.domain(id);
  if (dom.pgd === null || dom.did === null)
    fail('EINVAL', `cannot ${op} on ${dom.type} domain ${dom.id}: it has no page table`);
  return dom as Domain & { pgd: number; did: number };
}

export function overlapping(mappings: readonly Mapping[], iovaPfn: number, pages: number): Mapping | undefined {
  return mappings.find((m) => m.iovaPfn < iovaPfn + pages && iovaPfn < m.iovaPfn + m.pages);
}

/** Count leaves of each page size a fresh mapping will use (same rule as mapRange), in closed form. */
export function leafCounts(iovaPfn: number, pfn: number, pages: number): Record<string, number> {
  const out = { '4KiB': 0, '2MiB': 0, '1GiB': 0 };
  for (const r of leafRuns(iovaPfn, pfn, pages))
    out[r.level === 1 ? '4KiB' : r.level === 2 ? '2MiB' : '1GiB'] += (r.to - r.from) / 512 ** (r.level - 1);
  return out;
}

/**
 * Refuse up front (ENOMEM, naming the cost) when filling `tables` page tables with `areas` would take
 * the model past its budget of materialised memory (budget.ts), before any entry is written.
 */
export function ensureMapBudget(
  d: Draft,
  what: string,
  areas: readonly Mapping[],
  tables = 1,
  levels = levelsOf(d.platform.addressWidth),
): void {
  if (tables === 0 || areas.length === 0) return;
  const one = sumCosts(areas.map((a) => mapCost(a.iovaPfn, a.pfn, a.pages, levels)));
  checkMapBudget(what, { ptes: one.ptes * tables, pages: one.pages * tables }, d.mem.pagesInUse);
}

/** `what` names the request in a budget refusal (ioasidMap and assign map through here). */
export function map(d: Draft, c: CommandOf<'map'>, what = 'map') {
  const dom = pagingDomain(d, c.domain, 'map');
  if (dom.hwpt !== null)
    fail('EINVAL', `${dom.id} is an iommufd HWPT: map through its IOAS ${dom.hwpt.ioas ?? ''}`.trim());
  const width = domainWidth(d.platform, dom);
  const iovaPfn = pageAddress('iova', c.iova, width);
  const pfn = pageAddress('pa', c.pa, HAW_BITS);
  const pages = pageCount('size', c.size);
  checkRangeFits('iova', iovaPfn, pages, width);
  checkRangeFits('pa', pfn, pages, HAW_BITS);
  const clash = overlapping(dom.mappings, iovaPfn, pages);
  if (clash) {
    fail(
      'EEXIST',
      `${dom.id}: ${c.iova}+${bytesOf(pages)} overlaps the mapping at ${hex(addrOfPfn(clash.iovaPfn))} (${bytesOf(clash.pages)} bytes)`,
    );
  }
  const m = { iovaPfn, pfn, pages, read: c.prot.includes('r'), write: c.prot.includes('w') };
  ensureMapBudget(d, what, [m], 1, Math.max(levelsOf(d.platform.addressWidth), domainLevels(d.platform, dom)));
  mapInto(d, dom, m);
  return { mapped: bytesOf(pages), leaves: leafCounts(iovaPfn, pfn, pages) };
}

/**
 * AMD-Vi v1 (io_pgtable.c alloc_pte → increase_address_space): while the mapping's last page is
 * beyond what the table's levels cover (PM_LEVEL_SIZE(mode)), put a new root on top whose entry 0
 * points at the old one (PM_LEVEL_PDE), then rewrite every DTE using the domain with the new root
 * and Mode (amd_iommu_update_and_flush_device_table).
 */
function growForMapping(d: Draft, dom: Domain & { pgd: number }, lastPfn: number): Domain & { pgd: number } {
  if (dom.levels === undefined) return dom;
  let levels = dom.levels;
  let pgd = dom.pgd;
  while (levels < 6 && lastPfn >= 2 ** (9 * levels)) {
    const root = d.mem.allocFrame(`a level-${levels + 1} root table of ${dom.id}`);
    d.mem.write(root, d.hw.pteOf(dom).table(pgd, levels + 1));
    pgd = root;
    levels++;
  }
  if (levels === dom.levels) return dom;
  const next = { ...dom, pgd, levels, tableFrames: dom.tableFrames + levels - dom.levels };
  d.domains.set(dom.id, next);
  // The DTEs of devices on the domain, and on nested domains over it (set_dte_nested), hold root and Mode.
  for (const dev of d.devices.values()) {
    const on = dev.primary === null ? undefined : d.domains.get(dev.primary);
    if (on !== undefined && (on.id === dom.id || on.hwpt?.parent === dom.id)) {
      d.hw.setPasid(d.mem, d.rootTable, dev, 0, targetOf(d, on));
      configWritten(d, dev, 0);
    }
  }
  return next;
}

/** Build the page-table entries of one mapping in a paging domain (the range is known to be free). */
export function mapInto(d: Draft, given: Domain & { pgd: number }, m: Mapping): void {
  const dom = growForMapping(d, given, m.iovaPfn + m.pages - 1);
  const stats: TableStats = { allocated: 0, freed: 0 };
  mapRange(
    d.mem,
    dom.pgd,
    domainLevels(d.platform, dom),
    m.iovaPfn,
    m.pfn,
    m.pages,
    m.read,
    m.write,
    stats,
    d.hw.pteOf(dom),
  );
  const cur = d.domain(dom.id);
  const mappings = [...cur.mappings, m].sort((a, b) => a.iovaPfn - b.iovaPfn);
  d.domains.set(dom.id, { ...cur, mappings, tableFrames: cur.tableFrames + stats.allocated - stats.freed });
}

/**
 * Clear a range of a paging domain and invalidate what it affected: the domain's DID and the DIDs of
 * nested domains built on it (their cached translations went through this second stage).
 */
export function unmapFrom(
  d: Draft,
  dom: Domain & { pgd: number; did: number },
  iovaPfn: number,
  pages: number,
): number {
  const stats: TableStats = { allocated: 0, freed: 0 };
  const runs = unmapRange(d.mem, dom.pgd, domainLevels(d.platform, dom), iovaPfn, pages, stats, d.hw.pteOf(dom));
  const removed = runs.reduce((n, r) => n + r.pages, 0);
  if (removed === 0) return 0;
  if (dom.type === 'DMA_FQ') {
    // Lazy mode: the flush is batched in the flush queue (DMA_FQ); until then the IOTLB may be stale.
    for (const r of runs) deferFlush(d, dom.id, dom.did, r.iovaPfn, r.pages);
  } else {
    // One flush for the range the unmap gathered (iommu_iotlb_gather: the request, grown by the
    // large leaves it cut), aligned by the driver (cache_tag_flush_range).
    const start = Math.min(iovaPfn, runs[0]!.iovaPfn);
    const last = runs[runs.length - 1]!;
    const range = { iovaPfn: start, pages: Math.max(iovaPfn + pages, last.iovaPfn + last.pages) - start };
    invalidateDomain(d, dom, range);
    for (const child of d.domains.values()) {
      if (child.hwpt?.parent === dom.id) invalidateDomain(d, child, range, dom);
    }
    waitForInvalidations(d);
  }
  const cur = d.domain(dom.id);
  d.domains.set(dom.id, { ...cur, mappings: subtract(cur.mappings, runs), tableFrames: cur.tableFrames - stats.freed });
  return removed;
}

/** Remove `runs` from a sorted mapping list, splitting mappings where a run cuts them. */
function subtract(mappings: readonly Mapping[], runs: readonly RemovedRun[]): Mapping[] {
  let out = mappings.slice();
  for (const r of runs) {
    const next: Mapping[] = [];
    for (const m of out) {
      const end = m.iovaPfn + m.pages;
      const rEnd = r.iovaPfn + r.pages;
      if (rEnd <= m.iovaPfn || end <= r.iovaPfn) {
        next.push(m);
        continue;
      }
      if (m.iovaPfn < r.iovaPfn) next.push({ ...m, pages: r.iovaPfn - m.iovaPfn });
      if (rEnd < end) next.push({ ...m, iovaPfn: rEnd, pfn: m.pfn + (rEnd - m.iovaPfn), pages: end - rEnd });
    }
    out = next;
  }
  return out;
}

export function unmap(d: Draft, c: CommandOf<'unmap'>) {
  const dom = pagingDomain(d, c.domain, 'unmap');
  if (dom.hwpt !== null) fail('EINVAL', `${dom.id} is an iommufd HWPT: unmap through its IOAS`);
  const width = domainWidth(d.platform, dom);
  const iovaPfn = pageAddress('iova', c.iova, width);
  const pages = pageCount('size', c.size);
  checkRangeFits('iova', iovaPfn, pages, width);
  const removed = unmapFrom(d, dom, iovaPfn, pages);
  if (removed === 0) fail('ENOENT', `${dom.id}: nothing is mapped in ${c.iova}+${bytesOf(pages)}`);
  return { unmapped: bytesOf(removed) };
}

export function ioasidAlloc(d: Draft, c: CommandOf<'ioasidAlloc'>) {
  d.ensureFreeId(c.id);
  const domain = `${c.id}.domain`;
  d.ensureFreeId(domain, 'domain id');
  const r = allocDomain(d, { op: 'allocDomain', id: domain, type: 'UNMANAGED' }, c.id);
  d.ioasids.set(c.id, { id: c.id, domain });
  return { domain, ...r };
}

export function ioasidMap(d: Draft, c: CommandOf<'ioasidMap'>, what = 'ioasidMap') {
  const { domain } = d.ioasid(c.ioasid);
  return map(d, { op: 'map', domain, iova: c.iova, pa: c.pa, size: c.size, prot: c.prot }, what);
}

export function ioasidUnmap(d: Draft, c: CommandOf<'ioasidUnmap'>) {
  const { domain } = d.ioasid(c.ioasid);
  return unmap(d, { op: 'unmap', domain, iova: c.iova, size: c.size });
}

/** A pdev (or parent) gets the IOASID's domain as primary; an mdev gets it as aux on its parent (the seed's gpa_ioasid). */
export function ioasidAttach(d: Draft, c: CommandOf<'ioasidAttach'>) {
  const { domain } = d.ioasid(c.ioasid);
  if (d.mdevs.has(c.device)) return { domain, ...auxAttach(d, { op: 'auxAttach', domain, device: c.device }) };
  return { domain, ...attach(d, { op: 'attach', domain, device: c.device }) };
}
