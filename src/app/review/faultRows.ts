/**
 * Fault records as the review panel lists them: the kernel's log text in the words of the state's
 * IOMMU (its FaultText's `kernelLog`, engine/report/faultLog.ts), the source id as bus:dev.fn, and the domain the request would use now (the
 * engine's `requesterDomain`, resolved against the current state).
 */
import { ridBdf, type EngineState, type FaultRecord } from '../../engine/index.ts';
import { requesterDomain } from '../../engine/inspect/reach.ts';
import { faultLogLines } from '../../engine/report/faultLog.ts';

export interface FaultRow {
  readonly record: FaultRecord;
  readonly sid: string; // bus:dev.fn
  readonly domain: string | null;
  readonly line: string;
}

/** The log text of one record as the state's IOMMU driver prints it (several lines for SMMUv3). */
export function faultLine(state: EngineState, r: FaultRecord): string {
  return faultLogLines(state, r).join('\n');
}

/** Every record of `state.faults`, oldest first, with its derived columns. */
export function faultRows(state: EngineState): FaultRow[] {
  return state.faults.map((record) => ({
    record,
    sid: ridBdf(record.sourceId),
    domain: requesterDomain(state, record.device, record.pasid),
    line: faultLine(state, record),
  }));
}

export interface FaultFilter {
  readonly device: string; // '' = any
  readonly pasid: string; // '' = any, 'none' = NO_PASID, else decimal
  readonly domain: string; // '' = any, 'none' = unresolved
}

export function filterFaults(rows: readonly FaultRow[], f: FaultFilter): FaultRow[] {
  return rows.filter(
    (r) =>
      (f.device === '' || r.record.device === f.device) &&
      (f.pasid === '' || (f.pasid === 'none' ? r.record.pasid === null : r.record.pasid === Number(f.pasid))) &&
      (f.domain === '' || (f.domain === 'none' ? r.domain === null : r.domain === f.domain)),
  );
}
