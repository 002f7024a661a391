/**
 * Cache invalidation as the Intel driver issues it through the invalidation queue, recorded as
 * descriptors (VT-d §6.5.2; reference/iommu.md §3.9) and applied to the modelled IOTLB.
 * Only the IOTLB is modelled as a cache (MODEL.md), so context-cache and PASID-cache descriptors
 * are recorded for the log but change nothing. Two lab switches make hazards visible:
 * `skipInvalidation` drops the next IOTLB descriptor, and DMA_FQ domains defer their unmap flushes
 * to a flush queue (the kernel's lazy IOTLB mode) until `flushQueue` or until it is full.
 */
import type { Draft } from './draft.ts';
import { isFirstStageDomain } from './iommu/registry.ts';
import { atsUsersOf, issue, record, type Desc } from './invalidationLog.ts';
import { FLUSH_QUEUE_SIZE, type Device, type Domain } from './model.ts';
import { cfgiSte, smmuConfigWritten, smmuFlushAttachment, smmuInvalidateDomain } from './smmu/invalidate.ts';
import { amdConfigWritten, amdFlushAttachment, amdInvalidateDomain, invalidateDevtabEntry } from './amd/invalidate.ts';

/**
 * CAP_REG.MAMV of the simulated VT-d unit: a page-selective IOTLB invalidation covers at most 2^18
 * pages (1 GiB); a larger block goes domain-selective (cache.c cache_tag_flush_iotlb). 18 is what
 * QEMU's intel_iommu reports (VTD_MAMV) and what Xeon server units report (e.g. cap 0xd2008c40660462).
 */
export const MAMV = 18;
/** cache.c MAX_AGAW_PFN_WIDTH (64 - 12): a mask this wide means the whole address space. */
const MAX_AGAW_PFN_WIDTH = 52;

function bitOf(pfn: number, b: number): number {
  return Math.floor(pfn / 2 ** b) % 2;
}

/**
 * cache.c calculate_psi_aligned_address: the naturally aligned power-of-two block of pages
 * (address, mask = log2 of its size) that covers [pfn, pfn + pages). A range that straddles an
 * alignment boundary grows to the first bit where its first and last page agree.
 */
export function psiAligned(pfn: number, pages: number): { addr: number; mask: number } {
  let mask = Math.ceil(Math.log2(Math.max(1, pages)));
  if (pfn % 2 ** mask !== 0) {
    const end = pfn + pages - 1;
    while (mask < MAX_AGAW_PFN_WIDTH && bitOf(pfn, mask) !== bitOf(end, mask)) mask++;
  }
  return { addr: Math.floor(pfn / 2 ** mask) * 2 ** mask, mask };
}

/** Whether the driver flushes a domain with PASID-based invalidations (cache.c intel_domain_use_piotlb). */
export function usesPiotlb(d: Draft, dom: Domain): boolean {
  return dom.type === 'SVA' || dom.type === 'NESTED' || isFirstStageDomain(d.platform, dom);
}

/** The PASIDs a domain is attached at (its cache tags' PASIDs: IOMMU_NO_PASID = 0 for a RID). */
function pasidTagsOf(d: Draft, dom: Domain): number[] {
  const out = new Set<number>();
  for (const dev of d.devices.values()) if (dev.primary === dom.id) out.add(0);
  for (const a of d.aux) if (a.domain === dom.id && dom.auxPasid !== null) out.add(dom.auxPasid);
  for (const a of d.pasidAttach) if (a.domain === dom.id) out.add(a.pasid);
  return [...out].sort((x, y) => x - y);
}

/**
 * IOTLB invalidation for a domain: page-selective over a range, or domain-selective. `combined`:
 * the DID tags nested (combined) translations, which a page-selective invalidation by second-stage
 * address removes whatever their first-stage address (VT-d §6.5.2.3), so all of them go.
 */
export function invalidateIotlb(
  d: Draft,
  did: number,
  range?: { iovaPfn: number; pages: number },
  combined = false,
): void {
  if (range === undefined) {
    issue(d, { type: 'iotlb', granularity: 'domain', did }, () => d.iotlbW().invalidateDid(did));
  } else {
    issue(d, { type: 'iotlb', granularity: 'page', did, addr: range.iovaPfn, pages: range.pages }, () =>
      combined ? d.iotlbW().invalidateDid(did) : d.iotlbW().invalidateDid(did, range.iovaPfn, range.pages),
    );
  }
}

/** PASID-based IOTLB invalidation: every page of one (DID, PASID), or a page range of it. */
export function invalidatePasidIotlb(
  d: Draft,
  did: number,
  pasid: number,
  range?: { iovaPfn: number; pages: number },
): void {
  if (range === undefined) {
    issue(d, { type: 'p_iotlb', granularity: 'pasid', did, pasid }, () => d.iotlbW().invalidatePasid(did, pasid));
  } else {
    issue(d, { type: 'p_iotlb', granularity: 'page', did, pasid, addr: range.iovaPfn, pages: range.pages }, () =>
      d.iotlbW().invalidatePasid(did, pasid, range.iovaPfn, range.pages),
    );
  }
}

/**
 * Invalidate a domain's cached translations (all, or a page range) wherever they are tagged.
 * VT-d follows cache.c cache_tag_flush_range: the range is aligned to a power-of-two block
 * (calculate_psi_aligned_address); first-stage, SVA and nested domains get PASID-based
 * invalidations for each PASID they are attached at (P_IOTLB, all of the PASID when the block
 * is the whole space); second-stage domains a page-selective IOTLB invalidation, or a
 * domain-selective one when the block's mask exceeds MAMV. `nestingOf`: the domain is a nested
 * HWPT flushed because its parent's second stage changed (its NESTING_IOTLB tag: the parent's kind
 * of invalidation, on the nested DID).
 */
export function invalidateDomain(
  d: Draft,
  dom: Domain,
  range?: { iovaPfn: number; pages: number },
  nestingOf?: Domain,
): void {
  if (d.hw.kind === 'vtd') return invalidateVtd(d, dom, range, nestingOf);
  if (d.hw.kind === 'smmuv3') return smmuInvalidateDomain(d, dom, range, nestingOf);
  amdInvalidateDomain(d, dom, range, nestingOf);
}

function invalidateVtd(
  d: Draft,
  dom: Domain,
  range: { iovaPfn: number; pages: number } | undefined,
  nestingOf: Domain | undefined,
): void {
  if (dom.did === null) return;
  const psi = range === undefined ? null : psiAligned(range.iovaPfn, range.pages);
  const block =
    psi === null || psi.mask >= MAX_AGAW_PFN_WIDTH ? undefined : { iovaPfn: psi.addr, pages: 2 ** psi.mask };
  if (nestingOf === undefined && usesPiotlb(d, dom)) {
    for (const pasid of pasidTagsOf(d, dom)) invalidatePasidIotlb(d, dom.did, pasid, block);
  } else if (block === undefined || psi === null || psi.mask > MAMV) {
    invalidateIotlb(d, dom.did);
  } else {
    invalidateIotlb(d, dom.did, block, nestingOf !== undefined);
  }
  // A nested domain's device TLB holds combined translations: flushed whole (CACHE_TAG_NESTING_DEVTLB).
  if (d.entryCaches !== null)
    for (const u of atsUsersOf(d, dom))
      invalidateDeviceTlb(d, u.sid, u.pasid, nestingOf === undefined ? block : undefined);
}

/** PASID-cache invalidation, PASID-selective (only recorded unless the platform models the PASID cache). */
export function invalidatePasidCache(d: Draft, did: number, pasid: number): void {
  const desc: Desc = { type: 'pasid-cache', granularity: 'pasid', did, pasid };
  if (d.entryCaches === null) record(d, desc, 'done');
  else issue(d, desc, () => d.entryCachesW()?.dropPasid(did, pasid));
}

/** Context-cache invalidation, device-selective (only recorded unless the platform models the context cache). */
export function invalidateContextCache(d: Draft, sid: number, did: number | undefined): void {
  if (d.hw.kind === 'smmuv3') return cfgiSte(d, sid); // CMD_CFGI_STE: by StreamID, no tag
  if (d.hw.kind === 'amd-vi') return invalidateDevtabEntry(d, sid); // INVALIDATE_DEVTAB_ENTRY: by DeviceID
  const desc: Desc =
    did === undefined
      ? { type: 'context-cache', granularity: 'device', sid }
      : { type: 'context-cache', granularity: 'device', sid, did };
  if (d.entryCaches === null) record(d, desc, 'done');
  else issue(d, desc, () => d.entryCachesW()?.context.delete(sid));
}

/** Device-TLB invalidation (type 3, or type 8 with a PASID) for an ATS device's ATC. */
export function invalidateDeviceTlb(
  d: Draft,
  sid: number,
  pasid: number,
  range?: { iovaPfn: number; pages: number },
): void {
  if (d.entryCaches === null) return;
  const desc: Desc =
    range === undefined
      ? { type: 'devtlb', granularity: 'pasid', sid, pasid }
      : { type: 'devtlb', granularity: 'page', sid, pasid, addr: range.iovaPfn, pages: range.pages };
  issue(d, desc, () =>
    d
      .entryCachesW()
      ?.devtlb.get(sid)
      ?.invalidatePasid(0, pasid, range?.iovaPfn ?? 0, range?.pages ?? Infinity),
  );
}

/** The wait descriptor that ends a batch. */
export function waitForInvalidations(d: Draft): void {
  record(d, { type: 'wait', granularity: 'global' }, 'done');
}

/** Queue a DMA_FQ unmap's flush; flush everything once the queue is full. */
export function deferFlush(d: Draft, domain: string, did: number, iovaPfn: number, pages: number): void {
  record(d, { type: 'iotlb', granularity: 'page', did, addr: iovaPfn, pages }, 'deferred');
  d.flushQueue = [...d.flushQueue, { domain, did, iovaPfn, pages }];
  if (d.flushQueue.length >= FLUSH_QUEUE_SIZE) flushDeferred(d);
}

/** Flush the queue (for one domain, or all): one domain-selective IOTLB invalidation per DID. */
export function flushDeferred(d: Draft, domain?: string): number {
  const take = d.flushQueue.filter((q) => domain === undefined || q.domain === domain);
  if (take.length === 0) return 0;
  d.flushQueue = d.flushQueue.filter((q) => !take.includes(q));
  for (const id of new Set(take.map((q) => q.domain))) {
    const dom = d.domains.get(id);
    if (dom) invalidateDomain(d, dom);
  }
  waitForInvalidations(d);
  return take.length;
}

/**
 * After an attach wrote a device's structures: the configuration-cache invalidations the driver
 * issues for what changed (SMMUv3: CMD_CFGI_STE / CMD_CFGI_CD and CMD_SYNC after every STE or CD
 * write; AMD-Vi: INVALIDATE_IOMMU_PAGES for a changed GCR3 entry's PASID,
 * INVALIDATE_DEVTAB_ENTRY for a changed DTE, and COMPLETION_WAIT). VT-d needs none
 * here: a not-present entry is never cached, and its replace and tear-down paths flush through flushDomain.
 */
export function configWritten(d: Draft, dev: Device, pasid: number): void {
  if (d.hw.kind === 'smmuv3') smmuConfigWritten(d, dev, pasid);
  if (d.hw.kind === 'amd-vi') amdConfigWritten(d, dev, pasid);
}

/**
 * The vendor's own flush after (device, PASID)'s entry for `dom` was torn down or replaced, when it
 * has one (SMMUv3: CFGI, TLBI by ASID or VMID, ATC_INV, CMD_SYNC). Returns false for VT-d's path.
 */
export function flushAttachment(d: Draft, dom: Domain, pasid: number, dev: Device): boolean {
  if (d.hw.kind === 'amd-vi') amdFlushAttachment(d, dom, pasid, dev);
  else if (d.hw.kind === 'smmuv3') smmuFlushAttachment(d, dom, pasid, dev);
  else return false;
  return true;
}
