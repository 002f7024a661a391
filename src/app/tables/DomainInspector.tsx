import { describeOf, type Domain, type EngineState } from '../../engine/index.ts';
import { devicesOnPaths } from '../../engine/inspect/paths.ts';
import { domainAttachments, dumpDeviceTables } from '../../engine/inspect/tables.ts';
import { hwptKind } from '../../engine/inspect/topology.ts';
import { dumpVendorDevice } from '../../engine/inspect/vendorTables.ts';
import { Fields } from './Fields.tsx';
import { MappingsTable } from './MappingsTable.tsx';
import { PasidEntriesTable } from './PasidEntriesTable.tsx';
import { hexOf } from './format.ts';

export interface DomainInspectorProps {
  readonly state: EngineState;
  readonly domain: Domain;
}

/** An iommu_domain: type, DID, PASID, its page table, mappings, attachments and the PASID entries naming it. */
export function DomainInspector({ state, domain }: DomainInspectorProps) {
  const att = domainAttachments(state, domain.id);
  const where = [
    ...att.primary.map((d) => `${d} (RID, primary)`),
    ...att.aux.map(
      (a) =>
        `${a.device} PASID ${domain.auxPasid ?? '?'}${a.mdev ? ` for ${a.mdev}` : a.wq !== null ? ` WQ ${a.wq}` : ''} (aux)`,
    ),
    ...state.pasidAttach
      .filter((p) => p.domain === domain.id)
      .map((p) => `${p.device} PASID ${p.pasid} (${domain.type === 'SVA' ? 'SVA' : 'iommufd'})`),
  ];
  const iommu = state.platform.iommu;
  const words = describeOf(iommu);
  const tag = words.domainTag;
  const hk = hwptKind(domain);
  // Only the devices on the domain's paths can hold an entry naming it (a detach clears the entry),
  // and reading every device's tables would take most of a second in a fleet of hundreds.
  const devices = (devicesOnPaths(state, domain.id) ?? []).flatMap((id) => state.devices.get(id) ?? []);
  const vendorEntries =
    words.deviceTables === 'root-context' || domain.pgd === null
      ? []
      : devices.flatMap((dev) => {
          const d = dumpVendorDevice(state, dev);
          return (d?.pasids ?? []).filter((p) => p.table === hexOf(domain.pgd!)).map((p) => ({ ...p, device: dev.id }));
        });
  const entries =
    domain.did === null || words.deviceTables !== 'root-context'
      ? []
      : devices.flatMap((dev) =>
          dumpDeviceTables(state, dev)
            .pasids.filter((p) => p.did === domain.did)
            .map((p) => ({ ...p, device: dev.id })),
        );
  return (
    <>
      <h3>Domain {domain.id}</h3>
      <Fields
        rows={[
          ['Type', hk === null ? domain.type : `${domain.type} (HWPT ${hk})`],
          [tag, domain.did ?? 'none'],
          ...(domain.hwpt
            ? ([
                [
                  'iommufd object',
                  `#${domain.hwpt.objId}${domain.hwpt.ioas ? ` on IOAS ${domain.hwpt.ioas}` : ''}${domain.hwpt.parent ? ` nested on ${domain.hwpt.parent}` : ''}`,
                ],
              ] as const)
            : []),
          ...(domain.stage1
            ? ([['Stage 1', `${domain.stage1.owner}, root ${hexOf(domain.stage1.root)}`]] as const)
            : []),
          ['PASID', domain.auxPasid ?? '—'],
          ['Page-table root', <span className="mono">{domain.pgd === null ? 'none' : hexOf(domain.pgd)}</span>],
          ['Table frames', domain.tableFrames],
          ['IOASID', domain.ioasid ?? '—'],
          ['Attached at', where.length > 0 ? where.join('; ') : 'nowhere'],
        ]}
      />
      <MappingsTable mappings={domain.mappings} />
      {words.deviceTables === 'root-context' ? (
        <PasidEntriesTable rows={entries} caption={`PASID entries tagged DID ${domain.did ?? '—'}`} compact />
      ) : (
        <table className="data-table">
          <caption>{words.pasidEntries} pointing at this domain's table</caption>
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">{words.tag.short}</th>
              <th scope="col">{tag}</th>
              <th scope="col">Entry at</th>
            </tr>
          </thead>
          <tbody>
            {vendorEntries.map((e) => (
              <tr key={`${e.device}/${e.pasid}`}>
                <td>{e.device}</td>
                <td className="mono">{e.pasid}</td>
                <td className="mono">{e.tag}</td>
                <td className="mono">{e.entry.address}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
