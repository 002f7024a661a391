import type { EngineState } from '../../engine/index.ts';
import { dumpIotlb } from '../../engine/inspect/tables.ts';
import { perms, sizeOf } from './format.ts';

/** The live IOTLB entries, oldest first, tagged (DID, PASID, page). */
export function IotlbTable({ state }: { readonly state: EngineState }) {
  const rows = dumpIotlb(state);
  if (rows.length === 0)
    return <p className="muted">The IOTLB is empty: translations are cached here after a page-table walk.</p>;
  return (
    <table className="data-table">
      <caption>IOTLB ({rows.length} entries)</caption>
      <thead>
        <tr>
          <th scope="col">DID</th>
          <th scope="col">PASID</th>
          <th scope="col">Page size</th>
          <th scope="col">IOVA page</th>
          <th scope="col">PA</th>
          <th scope="col">Perms</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.did}/${r.pasid}/${r.iova}/${r.pageSize}`}>
            <td className="mono">{r.did}</td>
            <td className="mono">{r.pasid}</td>
            <td>{sizeOf(r.pageSize)}</td>
            <td className="mono">{r.iova}</td>
            <td className="mono">{r.pa}</td>
            <td className="mono">{perms(r.read, r.write)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
