import type { ReactNode } from 'react';

/** One read of a device's structure chain: what it is, where, its raw value and its state. */
export interface EntryRowData {
  readonly key: string;
  readonly label: string;
  readonly index: number | string;
  readonly address: string;
  readonly raw: string;
  readonly state: ReactNode;
}

/** The device chain as a table (root/context/PASID dir on VT-d, STE/CD or DTE/GCR3 elsewhere). */
export function EntryTable({ rows }: { rows: readonly EntryRowData[] }) {
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">Structure</th>
          <th scope="col">Index</th>
          <th scope="col">Entry at</th>
          <th scope="col">Raw</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td className="mono">{r.index}</td>
            <td className="mono">{r.address}</td>
            <td className="mono raw-cell">{r.raw}</td>
            <td>{r.state}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
