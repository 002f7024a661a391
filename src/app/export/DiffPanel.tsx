/** "Diff with…": the current state against an earlier timeline step, shown as tables and downloadable as Markdown. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatSize } from '../../engine/index.ts';
import { diffMarkdown, diffStates, isEmptyDiff } from '../../engine/report/diff.ts';
import { useAppStore } from '../../store/StoreProvider.tsx';
import { selectCursor, selectSteps } from '../../store/selectors.ts';
import { stateAtStep, type AppState } from '../../store/createAppStore.ts';
import { argsOf } from '../bottom/describe.ts';
import { downloadText } from './download.ts';

const selectHistory = (s: AppState) => s.history;

export function DiffPanel({ onClose: closeDialog }: { onClose: () => void }) {
  // Who had focus when it opened (Export: its menu gives focus back before opening the dialog), read
  // before the effect below moves focus in; closing gives focus back there (modal dialog pattern).
  const [opener] = useState<Element | null>(() => document.activeElement);
  const onClose = () => {
    closeDialog();
    if (opener instanceof HTMLElement) opener.focus();
  };
  const history = useAppStore(selectHistory);
  const steps = useAppStore(selectSteps);
  const cursor = useAppStore(selectCursor);
  const [from, setFrom] = useState(() => Math.max(0, cursor - 1));
  const dialogRef = useRef<HTMLDivElement>(null);
  useEffect(() => dialogRef.current?.querySelector('select')?.focus(), []);
  // Earlier states are rebuilt from the nearest checkpoint (store/history.ts).
  const before = useMemo(() => stateAtStep({ history, steps }, Math.min(from, steps.length)), [history, steps, from]);
  const after = history.cursorState;
  const diff = useMemo(() => (before && after ? diffStates(before, after) : null), [before, after]);
  const title = `State diff: step ${from} → step ${cursor}`;
  const stepLabel = (i: number) =>
    i === 0 ? '0 · start' : `${i} · ${steps[i - 1]?.op ?? ''} ${steps[i - 1] ? argsOf(steps[i - 1]!) : ''}`;

  return (
    <div className="diff-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div
        className="diff-panel"
        role="dialog"
        aria-modal="true"
        aria-label="State diff"
        data-testid="diff-panel"
        ref={dialogRef}
      >
        <div className="diff-head">
          <label>
            Compare step{' '}
            <select value={from} onChange={(e) => setFrom(Number(e.target.value))} data-testid="diff-from">
              {Array.from({ length: steps.length + 1 }, (_, i) => (
                <option key={i} value={i}>
                  {stepLabel(i)}
                </option>
              ))}
            </select>
          </label>
          <span className="muted">with the current step {cursor}</span>
          <button
            type="button"
            data-testid="diff-download"
            disabled={diff === null}
            onClick={() => diff && downloadText(diffMarkdown(diff, title), 'pasid-atlas-diff.md', 'text/markdown')}
          >
            Download Markdown
          </button>
          <button type="button" onClick={onClose} data-testid="diff-close">
            Close
          </button>
        </div>
        {diff === null || isEmptyDiff(diff) ? (
          <p data-testid="diff-empty">No differences.</p>
        ) : (
          <div className="diff-body" data-testid="diff-body">
            <Section
              title="Objects"
              head={['Change', 'Kind', 'Id', 'Fields']}
              rows={diff.objects.map((o) => [o.change, o.kind, o.id, o.fields.join('; ')])}
            />
            <Section
              title="Mappings"
              head={['Change', 'Domain', 'IOVA', 'PA', 'Size']}
              rows={diff.mappings.map((m) => [
                m.change,
                m.domain,
                `0x${(m.mapping.iovaPfn * 4096).toString(16)}`,
                `0x${(m.mapping.pfn * 4096).toString(16)}`,
                formatSize(m.mapping.pages * 4096),
              ])}
            />
            <Section
              title="Table entries in memory"
              head={['Address', 'Structure', 'Before', 'After']}
              rows={diff.memory.map((m) => [
                m.address,
                m.structure ?? `frame 0x${m.frame.toString(16)} +0x${m.offset.toString(16)}`,
                m.before,
                m.after,
              ])}
              mono
            />
            <Section
              title="Graph edges"
              head={['Change', 'Kind', 'From', 'To']}
              rows={[
                ...diff.edgesAdded.map((e) => ['added', e.kind, e.source, e.target]),
                ...diff.edgesRemoved.map((e) => ['removed', e.kind, e.source, e.target]),
              ]}
            />
            <p className="muted">
              IOTLB entries {diff.iotlb.before} → {diff.iotlb.after}; faults recorded {diff.faults.before} →{' '}
              {diff.faults.after}.
            </p>
          </div>
        )}
      </div>
    </div>
  );
}

function Section({ title, head, rows, mono }: { title: string; head: string[]; rows: string[][]; mono?: boolean }) {
  if (rows.length === 0) return null;
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      <table className={mono ? 'diff-table is-mono' : 'diff-table'}>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
