import { useState } from 'react';
import { describeOf, type EngineState } from '../../engine/index.ts';
import { devicesOnPaths } from '../../engine/inspect/paths.ts';
import { dumpDeviceTables } from '../../engine/inspect/tables.ts';
import { dumpVendorDevice, type VendorDeviceDump } from '../../engine/inspect/vendorTables.ts';
import { DeviceTables } from './DeviceTables.tsx';
import { VendorTables } from './VendorTables.tsx';

export interface RootAndContextProps {
  readonly state: EngineState;
  /** The selection (its devices' tables are shown first and alone until "Show all devices"). */
  readonly selectedId: string | null;
  readonly selectedDevice: string | null;
}

/**
 * The root, context and PASID entries read from memory: of the devices on the selection's paths (a
 * VM's parents and pdevs, a domain's devices, the device itself) when something is selected, so
 * the tables follow the selection; of every device otherwise or on request. Only what is shown is
 * read from memory (a fleet has hundreds of devices).
 */
export function RootAndContext({ state, selectedId, selectedDevice }: RootAndContextProps) {
  const [showAll, setShowAll] = useState(false);
  const concerned = devicesOnPaths(state, selectedId);
  const filtered = !showAll && concerned !== null && concerned.length > 0 && concerned.length < state.devices.size;
  const devices = filtered ? concerned.map((id) => state.devices.get(id)!) : [...state.devices.values()];
  if (devices.length === 0) return <p className="muted">No devices yet.</p>;
  const scope = filtered ? (
    <p className="muted tables-scope" data-testid="tables-scope">
      Devices on {selectedId}&apos;s paths: {concerned.join(', ')}.{' '}
      <button type="button" className="related-more" onClick={() => setShowAll(true)}>
        Show all {state.devices.size} devices
      </button>
    </p>
  ) : showAll && concerned !== null && concerned.length < state.devices.size ? (
    <p className="muted tables-scope">
      <button type="button" className="related-more" onClick={() => setShowAll(false)}>
        Only {selectedId}&apos;s devices
      </button>
    </p>
  ) : null;
  if (describeOf(state.platform.iommu).deviceTables === 'vendor') {
    const dumps = devices.map((d) => dumpVendorDevice(state, d)).filter((d): d is VendorDeviceDump => d !== null);
    return (
      <>
        {scope}
        <VendorTables state={state} dumps={dumps} selectedDevice={selectedDevice} />
      </>
    );
  }
  return (
    <>
      {scope}
      <p className="muted">
        Root table at <span className="mono">0x{state.rootTable.toString(16)}</span> (256 entries, indexed by bus)
      </p>
      {devices.map((d) => (
        <DeviceTables key={d.id} dump={dumpDeviceTables(state, d)} selected={d.id === selectedDevice} />
      ))}
    </>
  );
}
