/** Step to any earlier (or redo-able later) state: a range input and the list of steps. */
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { selectCursor, selectSteps } from '../../store/selectors.ts';
import { argsOf } from './describe.ts';

export function Timeline() {
  const store = useAppStoreApi();
  const steps = useAppStore(selectSteps);
  const cursor = useAppStore(selectCursor);
  return (
    <div className="timeline" data-testid="timeline">
      <div className="field inline">
        <label htmlFor="timeline-range">
          State after step {cursor} of {steps.length}
        </label>
        <input id="timeline-range" data-testid="timeline-range" type="range" min={0} max={steps.length} value={cursor} onChange={(e) => store.getState().goTo(Number(e.target.value))} />
      </div>
      <ol className="timeline-list" start={0}>
        <li>
          <button type="button" className={cursor === 0 ? 'current' : undefined} aria-current={cursor === 0 ? 'step' : undefined} onClick={() => store.getState().goTo(0)}>
            0 · start
          </button>
        </li>
        {steps.map((s, i) => (
          <li key={i} className={i + 1 > cursor ? 'future' : undefined}>
            <button type="button" className={cursor === i + 1 ? 'current' : undefined} aria-current={cursor === i + 1 ? 'step' : undefined} onClick={() => store.getState().goTo(i + 1)}>
              {i + 1} · {s.op} {argsOf(s)}
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
