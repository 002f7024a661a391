/**
 * The invalidation log every IOMMU's commands go to: a command is recorded (the lab's Invalidations
 * tab) and applied to the modelled caches, unless the lab asked to skip it (`skipInvalidation`).
 * VT-d's descriptors (invalidation.ts) and SMMUv3's commands (smmu/invalidate.ts) share it.
 */
import type { Draft } from './draft.ts';
import { INVALIDATION_LOG_SIZE, type Domain, type Invalidation } from './model.ts';

export type Desc = Omit<Invalidation, 'seq' | 'state'>;

export function record(d: Draft, desc: Desc, state: Invalidation['state']): void {
  const list = [...d.invalidations, { ...desc, seq: d.base.seq, state }];
  d.invalidations = list.length > INVALIDATION_LOG_SIZE ? list.slice(list.length - INVALIDATION_LOG_SIZE) : list;
}

/** Record a cache-affecting command and apply it, unless the lab asked to skip it. */
export function issue(d: Draft, desc: Desc, apply: () => void): void {
  if (d.skipNext) {
    d.skipNext = false;
    record(d, desc, 'skipped');
    return;
  }
  apply();
  record(d, desc, 'done');
}

/** Where a domain is attached on ATS devices: (source id, PASID) pairs whose ATCs may hold its translations. */
export function atsUsersOf(d: Draft, dom: Domain): { sid: number; pasid: number }[] {
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
