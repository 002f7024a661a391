/** SMMUv3 / AMD-Vi per-device structures read from memory: STE or DTE chain, then each PASID's CD or GCR3 entry. */
import { describeOf, type EngineState } from '../../engine/index.ts';
import { rootStructureText, type VendorDeviceDump, type VendorEntryRow } from '../../engine/inspect/vendorTables.ts';
import { DecodedFields } from '../walk/DecodedFields.tsx';
import { EntryTable, type EntryRowData } from './EntryTable.tsx';
import { structureLabel } from '../walk/labels.ts';

function rowOf(row: VendorEntryRow, key: string, note?: string): EntryRowData {
  return {
    key,
    label: row.structure,
    index: row.index,
    address: row.address,
    raw: row.raw,
    state: note ?? (row.present ? 'valid' : 'not valid'),
  };
}

export function VendorDeviceTables({
  dump,
  selected,
  iommu,
}: {
  dump: VendorDeviceDump;
  selected: boolean;
  iommu: EngineState['platform']['iommu'];
}) {
  const head = dump.path[dump.path.length - 1];
  const words = describeOf(iommu);
  return (
    <section
      className={`device-tables${selected ? ' is-selected' : ''}`}
      aria-label={`Tables of ${dump.device}`}
      data-testid={`vendor-tables-${dump.device}`}
    >
      <h3>
        {dump.device} <span className="mono muted">{dump.bdf}</span>{' '}
        <span className="mono muted">
          {words.requester.name} {dump.rid}
        </span>
      </h3>
      <EntryTable
        rows={[
          ...dump.path.map((r) => rowOf(r, r.structure)),
          ...dump.level1.map((r) => rowOf(r, `l1-${r.index}`)),
          ...dump.pasids.map((p) =>
            rowOf(
              p.entry,
              `p-${p.pasid}`,
              `${words.tag.short} ${p.pasid}, ${words.domainTag} ${p.tag} → table ${p.table}`,
            ),
          ),
        ]}
      />
      {head?.present ? (
        <details>
          <summary>{structureLabel(head.structure, iommu)} fields</summary>
          <DecodedFields fields={head.decoded} />
        </details>
      ) : null}
    </section>
  );
}

/** The "Root & context" tab on SMMUv3 / AMD-Vi. */
export function VendorTables({
  state,
  dumps,
  selectedDevice,
}: {
  state: EngineState;
  dumps: readonly VendorDeviceDump[];
  selectedDevice: string | null;
}) {
  if (dumps.length === 0) return <p className="muted">No devices yet.</p>;
  return (
    <>
      <p className="muted">
        {rootStructureText(state.platform.iommu)} at <span className="mono">0x{state.rootTable.toString(16)}</span>
      </p>
      {dumps.map((d) => (
        <VendorDeviceTables
          key={d.device}
          dump={d}
          selected={d.device === selectedDevice}
          iommu={state.platform.iommu}
        />
      ))}
    </>
  );
}
