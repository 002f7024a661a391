import type { Mapping } from '../../engine/index.ts';
import { mappingText } from './format.ts';

/** A domain's `mappings` list (what software mapped), one row per range. */
export function MappingsTable({ mappings }: { readonly mappings: readonly Mapping[] }) {
  if (mappings.length === 0) return <p className="muted">No mappings.</p>;
  return (
    <table className="data-table">
      <caption>Mappings</caption>
      <thead>
        <tr>
          <th scope="col">IOVA</th>
          <th scope="col">PA</th>
          <th scope="col">Size</th>
          <th scope="col">Perms</th>
        </tr>
      </thead>
      <tbody>
        {mappings.map((m) => {
          const t = mappingText(m);
          return (
            <tr key={m.iovaPfn}>
              <td className="mono">{t.iova}</td>
              <td className="mono">{t.pa}</td>
              <td>{t.size}</td>
              <td className="mono">{t.perms}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
