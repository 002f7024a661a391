/** Every applied step with its key arguments and result; composite ops list their low-level steps. */
import { useAppStore } from '../../store/StoreProvider.tsx';
import { selectCursor, selectLastError, selectLines, selectSteps } from '../../store/selectors.ts';
import { argsOf, lowLevelOf, resultOf } from './describe.ts';

export function EventLog() {
  const steps = useAppStore(selectSteps);
  const lines = useAppStore(selectLines);
  const cursor = useAppStore(selectCursor);
  const lastError = useAppStore(selectLastError);
  const applied = steps.slice(0, cursor);
  return (
    <div className="event-log" data-testid="event-log">
      {lastError !== null && (
        <p className="form-error" role="alert" data-testid="log-last-error">
          Last refused command: {lastError.op} — <strong>{lastError.code}</strong> {lastError.message}
        </p>
      )}
      {applied.length === 0 ? (
        <p className="muted">No steps yet.</p>
      ) : (
        <ol className="log-list">
          {applied.map((step, i) => {
            const line = lines[i];
            const low = lowLevelOf(line);
            return (
              <li key={i} className={line?.ok === false ? 'refused' : undefined} data-testid="log-entry">
                <span className="log-op">{step.op}</span> <span className="log-args">{argsOf(step)}</span> <span className="log-result">{resultOf(line)}</span>
                {low.length > 0 && (
                  <ul className="log-low">
                    {low.map((s, j) => (
                      <li key={j}>
                        <span className="log-op">{String(s['op'])}</span> <span className="log-args">{argsOf(s)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
