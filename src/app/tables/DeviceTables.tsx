import type { DeviceTablesDump } from '../../engine/inspect/tables.ts';
import { DecodedFields } from '../walk/DecodedFields.tsx';
import { PasidEntriesTable } from './PasidEntriesTable.tsx';

export interface DeviceTablesProps {
  readonly dump: DeviceTablesDump;
  readonly selected: boolean;
}

/** One device's chain (like debugfs dmar_translation_struct): root → context → PASID dir → PASID table. */
export function DeviceTables({ dump, selected }: DeviceTablesProps) {
  const ctx = dump.context;
  return (
    <section className={`device-tables${selected ? ' is-selected' : ''}`} aria-label={`Tables of ${dump.device}`}>
      <h3>
        {dump.device} <span className="mono muted">{dump.bdf}</span> <span className="mono muted">RID {dump.rid}</span>
      </h3>
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
          <tr>
            <th scope="row">Root</th>
            <td className="mono">{dump.root.index}</td>
            <td className="mono">{dump.root.address}</td>
            <td className="mono raw-cell">{dump.root.raw}</td>
            <td>{dump.root.present ? 'present' : 'not present'}</td>
          </tr>
          {ctx ? (
            <tr>
              <th scope="row">Context</th>
              <td className="mono">{ctx.index}</td>
              <td className="mono">{ctx.address}</td>
              <td className="mono raw-cell">{ctx.raw}</td>
              <td>{ctx.present ? 'present' : 'not present'}</td>
            </tr>
          ) : null}
          {dump.pasidDir.map((d) => (
            <tr key={d.index}>
              <th scope="row">PASID dir</th>
              <td className="mono">{d.index}</td>
              <td className="mono">{d.address}</td>
              <td className="mono raw-cell">{d.raw}</td>
              <td>
                table at <span className="mono">{d.table}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {ctx?.present ? (
        <details>
          <summary>Context entry fields</summary>
          <DecodedFields fields={ctx.decoded} />
        </details>
      ) : null}
      {ctx?.present ? <PasidEntriesTable rows={dump.pasids} /> : <p className="muted">No context entry: DMA from this RID faults with no-context.</p>}
    </section>
  );
}
