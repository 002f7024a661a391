/** Domain ids (VT-d DIDs; the per-device tag of the other IOMMUs): shared by domains and devices. */
import type { Draft } from '../draft.ts';
import { fail } from '../errors.ts';
import { MAX_DID } from '../vtd/layout.ts';

/** Take the lowest free domain id (from 2; 0 and 1 are reserved in scalable mode). */
export function allocDid(d: Draft, owner: string): number {
  let did = d.hw.firstTag;
  while (d.usedDids.has(did)) did++;
  if (did > MAX_DID) fail('ENOSPC', `no free domain id for ${owner}`);
  d.usedDids.add(did);
  return did;
}
