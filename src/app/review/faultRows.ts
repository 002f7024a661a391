/**
 * Fault records as the review panel lists them: the kernel's log text in the words of the state's
 * IOMMU (src/tours/faultLog), the source id as bus:dev.fn, and the domain the request would have used.
 */
import type { EngineState, FaultRecord } from '../../engine/index.ts';
import { faultLogLines } from '../../tours/faultLog/index.ts';

export interface FaultRow {
  readonly record: FaultRecord;
  readonly sid: string; // bus:dev.fn
  readonly domain: string | null;
  readonly line: string;
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

/** A VT-d source id (bus << 8 | devfn) as `bb:dd.f`. */
export function sidText(sid: number): string {
  return `${hex2(sid >> 8)}:${hex2((sid >> 3) & 0x1f)}.${sid & 7}`;
}

/**
 * The domain (device, PASID) reaches in `state`: the primary domain for a request without a PASID
 * (RID_PASID), an iommufd/SVA PASID attachment, or an aux attachment whose domain owns the PASID.
 * Resolved against the current state, so it may differ from the domain at the time of the fault.
 */
export function domainAt(state: EngineState, device: string, pasid: number | null): string | null {
  const mdev = state.mdevs.get(device);
  const owner = mdev ? mdev.parent : device;
  const dev = state.devices.get(owner);
  if (dev === undefined) return null;
  if (pasid === null || pasid === 0) return dev.primary;
  const pa = state.pasidAttach.find((a) => a.device === owner && a.pasid === pasid);
  if (pa) return pa.domain;
  const aux = state.aux.find((a) => a.device === owner && state.domains.get(a.domain)?.auxPasid === pasid);
  return aux ? aux.domain : null;
}

/** The log text of one record as the state's IOMMU driver prints it (several lines for SMMUv3). */
export function faultLine(state: EngineState, r: FaultRecord): string {
  return faultLogLines(state, r).join('\n');
}

/** Every record of `state.faults`, oldest first, with its derived columns. */
export function faultRows(state: EngineState): FaultRow[] {
  return state.faults.map((record) => ({
    record,
    sid: sidText(record.sourceId),
    domain: domainAt(state, record.device, record.pasid),
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
