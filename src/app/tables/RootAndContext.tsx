import type { EngineState } from '../../engine/index.ts';
import { dumpRootAndContext } from '../../engine/inspect/tables.ts';
import { dumpVendorTables } from '../../engine/inspect/vendorTables.ts';
import { DeviceTables } from './DeviceTables.tsx';
import { VendorTables } from './VendorTables.tsx';

export interface RootAndContextProps {
  readonly state: EngineState;
  readonly selectedDevice: string | null;
}

/** Every device's root, context and PASID entries, read from memory. */
export function RootAndContext({ state, selectedDevice }: RootAndContextProps) {
  if (state.platform.iommu !== 'vtd')
    return <VendorTables state={state} dumps={dumpVendorTables(state)} selectedDevice={selectedDevice} />;
  const dumps = dumpRootAndContext(state);
  if (dumps.length === 0) return <p className="muted">No devices yet.</p>;
  return (
    <>
      <p className="muted">
        Root table at <span className="mono">0x{state.rootTable.toString(16)}</span> (256 entries, indexed by bus)
      </p>
      {dumps.map((d) => (
        <DeviceTables key={d.device} dump={d} selected={d.device === selectedDevice} />
      ))}
    </>
  );
}
