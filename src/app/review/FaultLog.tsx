/**
 * The fault records of the current state as the kernel of its IOMMU would log them, with filters and
 * a column view; below, the explainer for a pasted kernel log.
 */
import { useMemo, useState } from 'react';
import { useAppStore } from '../../store/StoreProvider.tsx';
import { selectEngineState } from '../../store/selectors.ts';
import { ExplainPanel } from './ExplainPanel.tsx';
import { faultRows, filterFaults, type FaultFilter } from './faultRows.ts';
import './review.css';

const ANY: FaultFilter = { device: '', pasid: '', domain: '' };
const uniq = <T,>(xs: readonly T[]) => [...new Set(xs)];

export function FaultLog() {
  return (
    <div className="review" data-testid="faults-tab">
      <FaultRecords />
      <ExplainPanel />
    </div>
  );
}

function FaultRecords() {
  const state = useAppStore(selectEngineState);
  const rows = useMemo(() => faultRows(state), [state]);
  const [filter, setFilter] = useState<FaultFilter>(ANY);
  const shown = useMemo(() => filterFaults(rows, filter), [rows, filter]);
  const devices = uniq(rows.map((r) => r.record.device)).sort();
  const pasids = uniq(rows.flatMap((r) => (r.record.pasid === null ? [] : [r.record.pasid]))).sort((a, b) => a - b);
  const domains = uniq(rows.flatMap((r) => (r.domain === null ? [] : [r.domain]))).sort();
  const set = (k: keyof FaultFilter) => (e: { target: { value: string } }) =>
    setFilter({ ...filter, [k]: e.target.value });

  if (rows.length === 0) {
    return (
      <p className="review-empty" data-testid="fault-empty">
        No faults recorded. A DMA that fails translation is logged here, as the kernel logs it.
      </p>
    );
  }
  return (
    <div className="review" data-testid="fault-log">
      <div className="review-filters" role="group" aria-label="Filter faults">
        <label>
          Device{' '}
          <select data-testid="fault-filter-device" value={filter.device} onChange={set('device')}>
            <option value="">any</option>
            {devices.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <label>
          PASID{' '}
          <select data-testid="fault-filter-pasid" value={filter.pasid} onChange={set('pasid')}>
            <option value="">any</option>
            <option value="none">NO_PASID</option>
            {pasids.map((p) => (
              <option key={p} value={String(p)}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label>
          Domain{' '}
          <select data-testid="fault-filter-domain" value={filter.domain} onChange={set('domain')}>
            <option value="">any</option>
            <option value="none">none now</option>
            {domains.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <span className="review-muted" data-testid="fault-count">
          {shown.length} of {rows.length} records (the engine keeps the last 256; domain as attached now)
        </span>
      </div>
      <pre className="dmesg" aria-label="Kernel log" data-testid="fault-dmesg" tabIndex={0}>
        {shown.map((r) => (
          <span key={r.record.seq} className="dmesg-line" data-testid="fault-line">
            {r.line}
            {'\n'}
          </span>
        ))}
      </pre>
      <table className="review-table" data-testid="fault-table">
        <caption className="review-sr">Fault records</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Device</th>
            <th scope="col">Source id</th>
            <th scope="col">PASID</th>
            <th scope="col">Address</th>
            <th scope="col">Access</th>
            <th scope="col">Reason</th>
            <th scope="col">Fault</th>
            <th scope="col">Domain now</th>
          </tr>
        </thead>
        <tbody>
          {shown.map(({ record: f, sid, domain }) => (
            <tr key={f.seq} data-testid="fault-row">
              <td>{f.seq}</td>
              <td>{f.device}</td>
              <td className="mono">{sid}</td>
              <td className="mono">{f.pasid === null ? 'NO_PASID' : f.pasid}</td>
              <td className="mono">0x{f.address.toString(16)}</td>
              <td>{f.access}</td>
              <td className="mono">0x{f.reason.toString(16).padStart(2, '0')}</td>
              <td>{f.fault}</td>
              <td>{domain ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
