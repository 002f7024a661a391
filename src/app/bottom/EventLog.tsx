/**
 * Every applied step with its key arguments and result; composite ops list their low-level steps.
 * Each line is one fixed-height row, so the list is windowed (only rows near the view are built).
 */
import { useMemo, useRef } from 'react';
import { useAppStore } from '../../store/StoreProvider.tsx';
import { selectCursor, selectGroups, selectLastError, selectLines, selectSteps } from '../../store/selectors.ts';
import { groupAt } from '../../store/stepGroups.ts';
import { argsOf, lowLevelOf, resultOf } from './describe.ts';
import { useVisibleRange } from './useVisibleRange.ts';

/** Line height in px (styles.css `.log-list li`, `.log-low li`). */
const LINE = 18;

export function EventLog() {
  const steps = useAppStore(selectSteps);
  const lines = useAppStore(selectLines);
  const cursor = useAppStore(selectCursor);
  const lastError = useAppStore(selectLastError);
  const groups = useAppStore(selectGroups);
  const listRef = useRef<HTMLOListElement>(null);
  const offsets = useMemo(() => {
    const out = [0];
    for (let i = 0; i < cursor; i++) out.push(out[i]! + LINE * (1 + lowLevelOf(lines[i]).length));
    return out;
  }, [lines, cursor]);
  const [start, end] = useVisibleRange(listRef, offsets);
  const rows = [];
  for (let i = start; i < end; i++) {
    const step = steps[i];
    if (step === undefined) continue;
    const line = lines[i];
    const low = lowLevelOf(line);
    // A recipe's ops are marked (one undo step); the mark adds no height to the fixed rows.
    const group = groupAt(groups, steps, i);
    const cls = [line?.ok === false ? 'refused' : '', group ? 'in-group' : ''].filter(Boolean).join(' ');
    rows.push(
      <li
        key={i}
        className={cls || undefined}
        data-testid="log-entry"
        title={group ? `${group.label} (one undo step)` : undefined}
      >
        <div className="log-line">
          {group && <span className="visually-hidden">{group.label}: </span>}
          <span className="log-op">{step.op}</span> <span className="log-args">{argsOf(step)}</span>{' '}
          <span className="log-result">{resultOf(line)}</span>
        </div>
        {low.length > 0 && (
          <ul className="log-low">
            {low.map((s, j) => (
              <li key={j}>
                <span className="log-op">{s.op}</span> <span className="log-args">{argsOf(s)}</span>
              </li>
            ))}
          </ul>
        )}
      </li>,
    );
  }
  return (
    <div className="event-log" data-testid="event-log">
      {lastError !== null && (
        <p className="form-error" role="alert" data-testid="log-last-error">
          Last refused command: {lastError.op} — <strong>{lastError.code}</strong> {lastError.message}
        </p>
      )}
      {cursor === 0 ? (
        <p className="muted">No steps yet.</p>
      ) : (
        <ol
          ref={listRef}
          className="log-list"
          start={start + 1}
          style={{ paddingTop: offsets[start] ?? 0, paddingBottom: (offsets[cursor] ?? 0) - (offsets[end] ?? 0) }}
        >
          {rows}
        </ol>
      )}
    </div>
  );
}
