/** Step to any earlier (or redo-able later) state: a range input and the (windowed) list of steps. */
import { useLayoutEffect, useMemo, useRef } from 'react';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { selectCursor, selectLines, selectSteps } from '../../store/selectors.ts';
import { refusedSteps, timelineRow } from './timelineRow.ts';
import { useVisibleRange } from './useVisibleRange.ts';

/** Row height in px (styles.css `.timeline-list li`). */
const ROW = 20;

export function Timeline() {
  const store = useAppStoreApi();
  const steps = useAppStore(selectSteps);
  const cursor = useAppStore(selectCursor);
  const lines = useAppStore(selectLines);
  const refused = useMemo(() => refusedSteps(lines), [lines]);
  const listRef = useRef<HTMLOListElement>(null);
  const offsets = useMemo(() => Array.from({ length: steps.length + 2 }, (_, i) => i * ROW), [steps.length]);
  const [start, end] = useVisibleRange(listRef, offsets);
  // Open at the current step.
  useLayoutEffect(() => {
    const list = listRef.current;
    const scroller = list?.closest<HTMLElement>('.tab-panel');
    if (list && scroller && scroller.clientHeight > 0)
      scroller.scrollTop = Math.max(0, list.offsetTop + cursor * ROW - scroller.clientHeight / 2);
    // Only on mount: later cursor moves come from this list or the range input.
  }, []);
  const rows = [];
  for (let i = start; i < end; i++) {
    const row = timelineRow(i, steps, lines, cursor);
    const current = row.when === 'current';
    const cls = [row.when === 'future' ? 'future' : '', row.refused ? 'refused' : ''].filter(Boolean).join(' ');
    rows.push(
      <li key={i} className={cls === '' ? undefined : cls} data-testid={row.refused ? 'timeline-refused' : undefined}>
        <button
          type="button"
          className={current ? 'current' : undefined}
          aria-current={current ? 'step' : undefined}
          title={
            row.refused
              ? `Step ${i} was refused: ${row.refused.code} ${row.refused.message} (the state after it is the state before it)`
              : undefined
          }
          onClick={() => store.getState().goTo(i)}
        >
          {i} · {row.refused ? <span className="timeline-mark">✕ refused {row.refused.code}:</span> : null} {row.text}
        </button>
      </li>,
    );
  }
  return (
    <div className="timeline" data-testid="timeline">
      <div className="field inline">
        <label htmlFor="timeline-range">
          State after step {cursor} of {steps.length}
          {refused.length > 0 ? (
            <span className="timeline-refused-count" data-testid="timeline-refused-count">
              {' '}
              · {refused.length} refused (step{refused.length === 1 ? '' : 's'} {refused.slice(0, 5).join(', ')}
              {refused.length > 5 ? ', …' : ''})
            </span>
          ) : null}
        </label>
        <input
          id="timeline-range"
          data-testid="timeline-range"
          type="range"
          min={0}
          max={steps.length}
          value={cursor}
          onChange={(e) => store.getState().goTo(Number(e.target.value))}
        />
      </div>
      <ol
        ref={listRef}
        className="timeline-list"
        start={start}
        style={{
          paddingTop: offsets[start] ?? 0,
          paddingBottom: (offsets[offsets.length - 1] ?? 0) - (offsets[end] ?? 0),
        }}
      >
        {rows}
      </ol>
    </div>
  );
}
