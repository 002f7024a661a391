/** SMMUv3 / AMD-Vi per-device structures read from memory: STE or DTE chain, then each PASID's CD or GCR3 entry. */
import type { EngineState } from '../../engine/index.ts';
import { rootStructureText, type VendorDeviceDump, type VendorEntryRow } from '../../engine/inspect/vendorTables.ts';
import { DecodedFields } from '../walk/DecodedFields.tsx';
import { structureLabel } from '../walk/labels.ts';

const TAG = { vtd: 'DID', smmuv3: 'ASID', 'amd-vi': 'DomainID' } as const;

function EntryRow({ row, note }: { row: VendorEntryRow; note?: string }) {
  return (
    <tr>
      <th scope="row">{row.structure}</th>
      <td className="mono">{row.index}</td>
      <td className="mono">{row.address}</td>
      <td className="mono raw-cell">{row.raw}</td>
      <td>{note ?? (row.present ? 'valid' : 'not valid')}</td>
    </tr>
  );
}

export function VendorDeviceTables({ dump, selected, iommu }: { dump: VendorDeviceDump; selected: boolean; iommu: EngineState['platform']['iommu'] }) {
  const head = dump.path[dump.path.length - 1];
  return (
    <section className={`device-tables${selected ? ' is-selected' : ''}`} aria-label={`Tables of ${dump.device}`} data-testid={`vendor-tables-${dump.device}`}>
      <h3>
        {dump.device} <span className="mono muted">{dump.bdf}</span> <span className="mono muted">{iommu === 'smmuv3' ? 'StreamID' : 'DeviceID'} {dump.rid}</span>
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
          {dump.path.map((r) => (
            <EntryRow key={r.structure} row={r} />
          ))}
          {dump.level1.map((r) => (
            <EntryRow key={`l1-${r.index}`} row={r} />
          ))}
          {dump.pasids.map((p) => (
            <EntryRow key={`p-${p.pasid}`} row={p.entry} note={`${iommu === 'smmuv3' ? 'SSID' : 'PASID'} ${p.pasid}, ${TAG[iommu]} ${p.tag} → table ${p.table}`} />
          ))}
        </tbody>
      </table>
      {head?.present ? (
        <details>
          <summary>{structureLabel(head.structure)} fields</summary>
          <DecodedFields fields={head.decoded} />
        </details>
      ) : null}
    </section>
  );
}

/** The "Root & context" tab on SMMUv3 / AMD-Vi. */
export function VendorTables({ state, dumps, selectedDevice }: { state: EngineState; dumps: readonly VendorDeviceDump[]; selectedDevice: string | null }) {
  if (dumps.length === 0) return <p className="muted">No devices yet.</p>;
  return (
    <>
      <p className="muted">
        {rootStructureText(state.platform.iommu)} at <span className="mono">0x{state.rootTable.toString(16)}</span>
      </p>
      {dumps.map((d) => (
        <VendorDeviceTables key={d.device} dump={d} selected={d.device === selectedDevice} iommu={state.platform.iommu} />
      ))}
    </>
  );
}
