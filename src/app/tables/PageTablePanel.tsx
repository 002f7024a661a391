import { useId, useState } from 'react';
import type { EngineState } from '../../engine/index.ts';
import { dumpPageTable } from '../../engine/inspect/tables.ts';
import { MappingsTable } from './MappingsTable.tsx';
import { perms, sizeOf } from './format.ts';

export interface PageTablePanelProps {
  readonly state: EngineState;
  /** Domain to show first (e.g. the selected one). */
  readonly preferred: string | null;
}

const ROW_LIMIT = 256;

/** A domain's mappings and its present second-stage leaves (like debugfs domain_translation_struct). */
export function PageTablePanel({ state, preferred }: PageTablePanelProps) {
  const selectId = useId();
  const domains = [...state.domains.keys()];
  const [picked, setPicked] = useState<string | null>(null);
  const domainId =
    [picked, preferred, domains[0]].find((d) => d !== null && d !== undefined && state.domains.has(d)) ?? null;
  if (domainId === null) return <p className="muted">No domains yet.</p>;
  const dump = dumpPageTable(state, domainId, ROW_LIMIT);
  return (
    <div className="page-table-panel">
      <label htmlFor={selectId}>Domain </label>
      <select id={selectId} value={domainId} onChange={(e) => setPicked(e.target.value)}>
        {domains.map((d) => (
          <option key={d} value={d}>
            {d}
          </option>
        ))}
      </select>
      {dump ? (
        <>
          <p className="muted">
            DID {dump.did ?? '—'} · root table <span className="mono">{dump.pgd ?? 'none'}</span> · {dump.levels} levels
          </p>
          <MappingsTable mappings={dump.mappings} />
          {dump.rows.length === 0 ? (
            <p className="muted">No present leaves.</p>
          ) : (
            <table className="data-table">
              <caption>Leaves in memory</caption>
              <thead>
                <tr>
                  <th scope="col">IOVA</th>
                  <th scope="col">Page</th>
                  <th scope="col">Leaf at</th>
                  <th scope="col">Entries PL{dump.levels}…leaf</th>
                  <th scope="col">PA</th>
                  <th scope="col">Perms</th>
                </tr>
              </thead>
              <tbody>
                {dump.rows.map((r) => (
                  <tr key={r.iova}>
                    <td className="mono">{r.iova}</td>
                    <td>
                      {sizeOf(r.pageSize)} (PL{r.level})
                    </td>
                    <td className="mono">{r.entryAddr}</td>
                    <td className="mono path-cell">{r.path.map((p) => p.raw).join(' → ')}</td>
                    <td className="mono">{r.pa}</td>
                    <td className="mono">{perms(r.read, r.write)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {dump.more > 0 ? <p className="muted">… and {dump.more} more leaves not shown.</p> : null}
        </>
      ) : null}
    </div>
  );
}
