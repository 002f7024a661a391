/**
 * Fault records as the review panel lists them: the kernel's log line (reusing the tours'
 * dmarFaultLine), the source id as bus:dev.fn, and the domain the request would have used.
 */
import type { EngineState, FaultRecord } from '../../engine/index.ts';
import { dmarFaultLine } from '../../tours/dmarLog.ts';

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

/** `DMAR: [DMA Read NO_PASID] Request device [6a:01.0] fault addr 0x1000 [fault reason 0x59] …` for one record. */
export function faultLine(state: EngineState, r: FaultRecord): string {
  const line = dmarFaultLine(
    state,
    { device: r.device, pasid: r.pasid ?? undefined, iova: '0x' + r.address.toString(16), access: r.access },
    { outcome: 'fault', pasid: r.pasid ?? 0, reason: '0x' + r.reason.toString(16) },
  );
  // dmarFaultLine needs the device to still exist; a removed one falls back to the record's own source id.
  return line ?? `DMAR: [${r.access === 'read' ? 'DMA Read' : 'DMA Write'} ${r.pasid === null ? 'NO_PASID' : `PASID 0x${r.pasid.toString(16)}`}] Request device [${sidText(r.sourceId)}] fault addr 0x${r.address.toString(16)} [fault reason 0x${hex2(r.reason)}]`;
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
