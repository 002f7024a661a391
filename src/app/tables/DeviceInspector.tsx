import { describeOf, type Device, type EngineState } from '../../engine/index.ts';
import { dumpDeviceTables } from '../../engine/inspect/tables.ts';
import { dumpVendorDevice } from '../../engine/inspect/vendorTables.ts';
import { VendorDeviceTables } from './VendorTables.tsx';
import { DecodedFields } from '../walk/DecodedFields.tsx';
import { Fields } from './Fields.tsx';
import { PasidEntriesTable } from './PasidEntriesTable.tsx';
import { hexOf } from './format.ts';

export interface DeviceInspectorProps {
  readonly state: EngineState;
  readonly device: Device;
  /** A WQ or PASID selection inside this device, shown first. */
  readonly focus: { readonly kind: 'wq' | 'pasid'; readonly n: number } | null;
}

function wqUse(state: EngineState, device: Device, i: number): string {
  const use = device.wqs[i];
  if (!use || use.by === 'free') return 'free';
  if (use.by === 'host') return 'host driver';
  const vm = state.mdevs.get(use.mdev)?.vm;
  return `mdev ${use.mdev}${vm ? ` (${vm})` : ''}`;
}

/** A PCI device: identity, capabilities, WQs, attachments, and its context and PASID entries in memory. */
export function DeviceInspector({ state, device, focus }: DeviceInspectorProps) {
  const vendor = dumpVendorDevice(state, device);
  const dump = vendor === null ? dumpDeviceTables(state, device) : null;
  const iommu = state.platform.iommu;
  const words = describeOf(iommu);
  const pasids =
    dump === null ? [] : focus?.kind === 'pasid' ? dump.pasids.filter((p) => p.pasid === focus.n) : dump.pasids;
  return (
    <>
      <h3>
        Device {device.id}
        {focus ? <span className="muted"> · {focus.kind === 'wq' ? `WQ ${focus.n}` : `PASID ${focus.n}`}</span> : null}
      </h3>
      <Fields
        rows={[
          ['BDF', <span className="mono">{device.bdf}</span>],
          ['RID', <span className="mono">{hexOf(device.rid)}</span>],
          ['Kind', device.kind === 'parent' ? 'parent (SIOV, work queues)' : 'PCI device'],
          ['PASID', device.pasidCap ? `capable, ${device.pasidBits} bits` : 'no PASID capability'],
          ['Features', `AUX ${device.features.aux ? 'on' : 'off'}, SVA ${device.features.sva ? 'on' : 'off'}`],
          ['Primary domain', device.primary ?? 'none'],
          ['Assigned to', device.vm ?? '—'],
          ['iommufd', device.devId === null ? 'not bound' : `dev_id ${device.devId}`],
          [
            words.pasidTableName,
            <span className="mono">
              {hexOf(device.pasidDir)} ({words.pasidTableText(device.pasidTableSize)})
            </span>,
          ],
        ]}
      />
      {device.wqs.length > 0 ? (
        <table className="data-table">
          <caption>Work queues</caption>
          <thead>
            <tr>
              <th scope="col">WQ</th>
              <th scope="col">Used by</th>
              <th scope="col">Programmed PASID</th>
            </tr>
          </thead>
          <tbody>
            {device.wqs.map((_, i) => (
              <tr key={i} className={focus?.kind === 'wq' && focus.n === i ? 'is-selected' : undefined}>
                <td className="mono">{i}</td>
                <td>{wqUse(state, device, i)}</td>
                <td className="mono">{device.wqPasid[i] ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {vendor !== null ? (
        <VendorDeviceTables
          dump={
            focus?.kind === 'pasid' ? { ...vendor, pasids: vendor.pasids.filter((p) => p.pasid === focus.n) } : vendor
          }
          selected={false}
          iommu={iommu}
        />
      ) : null}
      {dump === null ? null : <h4>Context entry</h4>}
      {dump === null ? null : dump.context?.present ? (
        <>
          <p className="mono small">
            {dump.context.address}: {dump.context.raw}
          </p>
          <DecodedFields fields={dump.context.decoded} />
        </>
      ) : (
        <p className="muted">Not present: this RID's DMA faults with no-context.</p>
      )}
      {dump === null ? null : <PasidEntriesTable rows={pasids} compact />}
    </>
  );
}
