/**
 * Cache invalidation as the Intel driver issues it through the invalidation queue, recorded as
 * descriptors (VT-d §6.5.2; reference/iommu.md §3.9) and applied to the modelled IOTLB.
 * Only the IOTLB is modelled as a cache (MODEL.md), so context-cache and PASID-cache descriptors
 * are recorded for the log but change nothing. Two lab switches make hazards visible:
 * `skipInvalidation` drops the next IOTLB descriptor, and DMA_FQ domains defer their unmap flushes
 * to a flush queue (the kernel's lazy IOTLB mode) until `flushQueue` or until it is full.
 */
import type { Draft } from './draft.ts';
import { FLUSH_QUEUE_SIZE, INVALIDATION_LOG_SIZE, type Domain, type Invalidation } from './model.ts';

type Desc = Omit<Invalidation, 'seq' | 'state'>;

function record(d: Draft, desc: Desc, state: Invalidation['state']): void {
  const list = [...d.invalidations, { ...desc, seq: d.base.seq, state }];
  d.invalidations = list.length > INVALIDATION_LOG_SIZE ? list.slice(list.length - INVALIDATION_LOG_SIZE) : list;
}

/** Record an IOTLB-affecting descriptor and apply it, unless the lab asked to skip it. */
function issue(d: Draft, desc: Desc, apply: () => void): void {
  if (d.skipNext) {
    d.skipNext = false;
    record(d, desc, 'skipped');
    return;
  }
  apply();
  record(d, desc, 'done');
}

/** IOTLB invalidation for a domain: page-selective over a range, or domain-selective. */
export function invalidateIotlb(d: Draft, did: number, range?: { iovaPfn: number; pages: number }): void {
  if (range === undefined) {
    issue(d, { type: 'iotlb', granularity: 'domain', did }, () => d.iotlbW().invalidateDid(did));
  } else {
    issue(d, { type: 'iotlb', granularity: 'page', did, addr: range.iovaPfn, pages: range.pages }, () =>
      d.iotlbW().invalidateDid(did, range.iovaPfn, range.pages),
    );
  }
}

/** PASID-based IOTLB invalidation: every page of one (DID, PASID), or a page range of it. */
export function invalidatePasidIotlb(d: Draft, did: number, pasid: number, range?: { iovaPfn: number; pages: number }): void {
  if (range === undefined) {
    issue(d, { type: 'p_iotlb', granularity: 'pasid', did, pasid }, () => d.iotlbW().invalidatePasid(did, pasid));
  } else {
    issue(d, { type: 'p_iotlb', granularity: 'page', did, pasid, addr: range.iovaPfn, pages: range.pages }, () =>
      d.iotlbW().invalidatePasid(did, pasid, range.iovaPfn, range.pages),
    );
  }
}

/**
 * The IOTLB tags a domain's translations carry: its own DID on VT-d and SMMUv3 (ASID); on AMD-Vi
 * in v2 mode the DomainID of each device it is attached to, with the PASID it is attached at.
 */
export function cacheTagsOf(d: Draft, dom: Domain): { did: number; pasid: number | null }[] {
  if (dom.did === null) return [];
  if (!d.hw.perDeviceTag) return [{ did: dom.did, pasid: null }];
  const out: { did: number; pasid: number | null }[] = [];
  const add = (device: string, pasid: number | null) => {
    const tag = d.devices.get(device)?.tag;
    if (tag !== null && tag !== undefined && pasid !== null && !out.some((t) => t.did === tag && t.pasid === pasid)) out.push({ did: tag, pasid });
  };
  for (const dev of d.devices.values()) if (dev.primary === dom.id) add(dev.id, 0);
  for (const a of d.aux) if (a.domain === dom.id) add(a.device, dom.auxPasid);
  for (const a of d.pasidAttach) if (a.domain === dom.id) add(a.device, a.pasid);
  return out;
}

/** Invalidate a domain's cached translations (all, or a page range) wherever they are tagged. */
export function invalidateDomain(d: Draft, dom: Domain, range?: { iovaPfn: number; pages: number }): void {
  for (const t of cacheTagsOf(d, dom)) {
    if (t.pasid === null) invalidateIotlb(d, t.did, range);
    else invalidatePasidIotlb(d, t.did, t.pasid, range);
  }
  if (d.entryCaches !== null) for (const u of atsUsersOf(d, dom)) invalidateDeviceTlb(d, u.sid, u.pasid, range);
}

/** PASID-cache invalidation, PASID-selective (only recorded unless the platform models the PASID cache). */
export function invalidatePasidCache(d: Draft, did: number, pasid: number): void {
  const desc: Desc = { type: 'pasid-cache', granularity: 'pasid', did, pasid };
  if (d.entryCaches === null) record(d, desc, 'done');
  else issue(d, desc, () => d.entryCachesW()?.dropPasid(did, pasid));
}

/** Context-cache invalidation, device-selective (only recorded unless the platform models the context cache). */
export function invalidateContextCache(d: Draft, sid: number, did: number | undefined): void {
  const desc: Desc = did === undefined ? { type: 'context-cache', granularity: 'device', sid } : { type: 'context-cache', granularity: 'device', sid, did };
  if (d.entryCaches === null) record(d, desc, 'done');
  else issue(d, desc, () => d.entryCachesW()?.context.delete(sid));
}

/** Device-TLB invalidation (type 3, or type 8 with a PASID) for an ATS device's ATC. */
export function invalidateDeviceTlb(d: Draft, sid: number, pasid: number, range?: { iovaPfn: number; pages: number }): void {
  if (d.entryCaches === null) return;
  const desc: Desc = range === undefined ? { type: 'devtlb', granularity: 'pasid', sid, pasid } : { type: 'devtlb', granularity: 'page', sid, pasid, addr: range.iovaPfn, pages: range.pages };
  issue(d, desc, () => d.entryCachesW()?.devtlb.get(sid)?.invalidatePasid(0, pasid, range?.iovaPfn ?? 0, range?.pages ?? Infinity));
}

/** Where a domain is attached on ATS devices: (source id, PASID) pairs whose ATCs may hold its translations. */
function atsUsersOf(d: Draft, dom: Domain): { sid: number; pasid: number }[] {
  const out: { sid: number; pasid: number }[] = [];
  const add = (device: string, pasid: number | null) => {
    const dev = d.devices.get(device);
    if (dev?.ats && pasid !== null) out.push({ sid: dev.rid, pasid });
  };
  for (const dev of d.devices.values()) if (dev.primary === dom.id) add(dev.id, 0);
  for (const a of d.aux) if (a.domain === dom.id) add(a.device, dom.auxPasid);
  for (const a of d.pasidAttach) if (a.domain === dom.id) add(a.device, a.pasid);
  return out;
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
