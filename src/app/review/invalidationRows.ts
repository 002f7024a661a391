/** The invalidation descriptor log in review form: type numbers, targets and hazard flags. */
import type { EngineState, Invalidation } from '../../engine/index.ts';
import { sidText } from './faultRows.ts';

/** Queued-invalidation descriptor types (VT-d §6.5.2), with what the simulator does with each. */
export const DESCRIPTOR_TYPES: readonly { type: Invalidation['type']; code: number; name: string; what: string }[] = [
  {
    type: 'context-cache',
    code: 1,
    name: 'Context-cache invalidate',
    what: 'Drops cached context entries of a device (after its context entry changes). Applied when the platform models the context cache (caches "all"), recorded otherwise.',
  },
  {
    type: 'iotlb',
    code: 2,
    name: 'IOTLB invalidate',
    what: 'Drops cached translations of a domain id, all of it or a page range. Applied to the modelled IOTLB.',
  },
  {
    type: 'devtlb',
    code: 3,
    name: 'Device-TLB invalidate',
    what: 'Drops translations an ATS device cached in its own device TLB (type 8 when a PASID is given). Applied when the platform models device TLBs (caches "all", devices added with ats).',
  },
  {
    type: 'wait',
    code: 5,
    name: 'Invalidation wait',
    what: 'Ends a batch: software waits until every earlier descriptor has completed.',
  },
  {
    type: 'p_iotlb',
    code: 6,
    name: 'PASID-based IOTLB invalidate',
    what: 'Drops cached translations of one (domain id, PASID). Applied to the modelled IOTLB.',
  },
  {
    type: 'pasid-cache',
    code: 7,
    name: 'PASID-cache invalidate',
    what: 'Drops cached PASID-table entries (after one is changed or cleared). Applied when the platform models the PASID cache (caches "all"), recorded otherwise.',
  },
];

export const codeOf = (t: Invalidation['type']) => DESCRIPTOR_TYPES.find((d) => d.type === t)?.code ?? 0;

export type RowStatus = 'done' | 'skipped' | 'queued' | 'flushed-later';

export interface InvalidationRow {
  readonly inv: Invalidation;
  readonly code: number;
  readonly target: string;
  readonly status: RowStatus;
}

/** What a descriptor covers, in words: `DID 2 pages 0x10-0x10`, `DID 2 PASID 5`, `sid 3b:00.0`. */
export function targetOf(inv: Invalidation): string {
  const parts: string[] = [];
  if (inv.sid !== undefined) parts.push(`sid ${sidText(inv.sid)}`);
  if (inv.did !== undefined) parts.push(`DID ${inv.did}`);
  if (inv.pasid !== undefined) parts.push(`PASID ${inv.pasid}`);
  if (inv.addr !== undefined) {
    const pages = inv.pages ?? 1;
    parts.push(`IOVA 0x${(inv.addr * 4096).toString(16)} (${pages} page${pages === 1 ? '' : 's'})`);
  }
  return parts.length === 0 ? 'all' : parts.join(' ');
}

/** Rows of the log, oldest first; a deferred row is `queued` while the flush queue still holds it. */
export function invalidationRows(state: EngineState): InvalidationRow[] {
  return state.invalidations.map((inv) => {
    let status: RowStatus = inv.state === 'deferred' ? 'flushed-later' : inv.state;
    if (
      inv.state === 'deferred' &&
      state.flushQueue.some((q) => q.did === inv.did && q.iovaPfn === inv.addr && q.pages === inv.pages)
    )
      status = 'queued';
    return { inv, code: codeOf(inv.type), target: targetOf(inv), status };
  });
}

/** How the engine's hazard kinds read in the UI. */
export const HAZARD_LABEL: Readonly<Record<string, string>> = {
  'stale-iotlb': 'stale IOTLB entry',
  'stale-entry-cache': 'stale context/PASID-cache entry',
  'stale-atc': 'stale device-TLB entry',
};

export function hazardLabel(kind: string | undefined): string {
  return HAZARD_LABEL[kind ?? ''] ?? 'stale cached entry';
}
