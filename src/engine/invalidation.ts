/**
 * Cache invalidation as the Intel driver issues it through the invalidation queue, recorded as
 * descriptors (VT-d §6.5.2; reference/iommu.md §3.9) and applied to the modelled IOTLB.
 * Only the IOTLB is modelled as a cache (MODEL.md), so context-cache and PASID-cache descriptors
 * are recorded for the log but change nothing. Two lab switches make hazards visible:
 * `skipInvalidation` drops the next IOTLB descriptor, and DMA_FQ domains defer their unmap flushes
 * to a flush queue (the kernel's lazy IOTLB mode) until `flushQueue` or until it is full.
 */
import type { Draft } from './draft.ts';
import { FLUSH_QUEUE_SIZE, INVALIDATION_LOG_SIZE, type Invalidation } from './model.ts';

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

/** PASID-based IOTLB invalidation: every page of one (DID, PASID). */
export function invalidatePasidIotlb(d: Draft, did: number, pasid: number): void {
  issue(d, { type: 'p_iotlb', granularity: 'pasid', did, pasid }, () => d.iotlbW().invalidatePasid(did, pasid));
}

/** PASID-cache invalidation, PASID-selective (recorded: no PASID cache is modelled). */
export function invalidatePasidCache(d: Draft, did: number, pasid: number): void {
  record(d, { type: 'pasid-cache', granularity: 'pasid', did, pasid }, 'done');
}

/** Context-cache invalidation, device-selective (recorded: no context cache is modelled). */
export function invalidateContextCache(d: Draft, sid: number, did: number | undefined): void {
  record(d, did === undefined ? { type: 'context-cache', granularity: 'device', sid } : { type: 'context-cache', granularity: 'device', sid, did }, 'done');
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
  for (const did of new Set(take.map((q) => q.did))) invalidateIotlb(d, did);
  waitForInvalidations(d);
  return take.length;
}
