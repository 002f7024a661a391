import type { DeviceTablesDump } from '../../engine/inspect/tables.ts';
import { DecodedFields } from '../walk/DecodedFields.tsx';
import { EntryTable, type EntryRowData } from './EntryTable.tsx';
import { PasidEntriesTable } from './PasidEntriesTable.tsx';

export interface DeviceTablesProps {
  readonly dump: DeviceTablesDump;
  readonly selected: boolean;
}

/** One device's chain (like debugfs dmar_translation_struct): root → context → PASID dir → PASID table. */
export function DeviceTables({ dump, selected }: DeviceTablesProps) {
  const ctx = dump.context;
  const rows: EntryRowData[] = [
    {
      key: 'root',
      label: 'Root',
      index: dump.root.index,
      address: dump.root.address,
      raw: dump.root.raw,
      state: dump.root.present ? 'present' : 'not present',
    },
    ...(ctx
      ? [
          {
            key: 'context',
            label: 'Context',
            index: ctx.index,
            address: ctx.address,
            raw: ctx.raw,
            state: ctx.present ? 'present' : 'not present',
          },
        ]
      : []),
    ...dump.pasidDir.map((d) => ({
      key: `dir-${d.index}`,
      label: 'PASID dir',
      index: d.index,
      address: d.address,
      raw: d.raw,
      state: (
        <>
          table at <span className="mono">{d.table}</span>
        </>
      ),
    })),
  ];
  return (
    <section className={`device-tables${selected ? ' is-selected' : ''}`} aria-label={`Tables of ${dump.device}`}>
      <h3>
        {dump.device} <span className="mono muted">{dump.bdf}</span> <span className="mono muted">RID {dump.rid}</span>
      </h3>
      <EntryTable rows={rows} />
      {ctx?.present ? (
        <details>
          <summary>Context entry fields</summary>
          <DecodedFields fields={ctx.decoded} />
        </details>
      ) : null}
      {ctx?.present ? (
        <PasidEntriesTable rows={dump.pasids} />
      ) : (
        <p className="muted">No context entry: DMA from this RID faults with no-context.</p>
      )}
    </section>
  );
}
