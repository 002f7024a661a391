/** Invalidation-lab ops: flush a DMA_FQ flush queue now, or skip the next IOTLB invalidation. */
import type { Draft, NoResult } from '../draft.ts';
import { flushDeferred } from '../invalidation.ts';
import type { CommandOf } from '../scenario/schema.ts';

export function flushQueue(d: Draft, c: CommandOf<'flushQueue'>) {
  if (c.domain !== undefined) d.domain(c.domain);
  return { flushed: flushDeferred(d, c.domain) };
}

/** The next IOTLB (or P_IOTLB) descriptor the driver issues is dropped: a deliberately missed flush. */
export function skipInvalidation(d: Draft): NoResult {
  d.skipNext = true;
  return {};
}
