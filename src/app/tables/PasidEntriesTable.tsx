import { Fragment } from 'react';
import { pgttName } from '../../engine/inspect/decode.ts';
import type { DeviceTablesDump } from '../../engine/inspect/tables.ts';

export interface PasidEntriesTableProps {
  readonly rows: DeviceTablesDump['pasids'];
  readonly caption?: string;
  /** Narrow panels: the raw entry goes on its own row under the fields. */
  readonly compact?: boolean;
}

/** Present PASID-table entries: PASID, where the entry lives, raw value, DID and translation type. */
export function PasidEntriesTable({ rows, caption = 'PASID-table entries', compact = false }: PasidEntriesTableProps) {
  if (rows.length === 0) return <p className="muted">No present PASID-table entries.</p>;
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">PASID</th>
          <th scope="col">Entry at</th>
          <th scope="col">DID</th>
          <th scope="col">PGTT</th>
          {compact ? null : <th scope="col">Raw (512 bits)</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <Fragment key={p.pasid}>
            <tr className={compact ? 'has-raw-row' : undefined}>
              <td className="mono">{p.pasid}</td>
              <td className="mono">{p.address}</td>
              <td className="mono">{p.did}</td>
              <td>
                {p.pgtt} {pgttName(p.pgtt)}
              </td>
              {compact ? null : <td className="mono raw-cell">{p.raw}</td>}
            </tr>
            {compact ? (
              <tr>
                <td colSpan={4} className="mono raw-cell">
                  {p.raw}
                </td>
              </tr>
            ) : null}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
