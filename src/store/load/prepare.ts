/**
 * Parse a scenario and replay it into a PreparedDoc (checkpoints, lines): the same code runs on
 * the main thread for small documents and in the loader worker for big ones.
 */
import { initialState, parseScenarioText, parseScenarioValue } from '../../engine/index.ts';
import type { PreparedDoc } from '../createAppStore.ts';
import { buildHistory, type OnProgress } from '../history.ts';

export type Prepared =
  | { readonly ok: true; readonly doc: PreparedDoc }
  | { readonly ok: false; readonly message: string }
  | { readonly ok: false; readonly cancelled: true };

/** `onProgress(done, total)` is called every 256 steps; returning false cancels. */
export function prepareDoc(
  input: unknown,
  cursor: number,
  onProgress?: (done: number, total: number) => boolean | void,
): Prepared {
  const parsed = typeof input === 'string' ? parseScenarioText(input) : parseScenarioValue(input);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const { scenario, platform } = parsed.value;
  const total = scenario.steps.length;
  const progress: OnProgress | undefined = onProgress === undefined ? undefined : (done) => onProgress(done, total);
  const built = buildHistory(
    initialState(platform),
    scenario.steps,
    Number.isFinite(cursor) ? cursor : total,
    progress,
  );
  if (built === null) return { ok: false, cancelled: true };
  return {
    ok: true,
    doc: {
      title: scenario.title ?? 'Untitled scenario',
      platformInput: scenario.platform,
      platform,
      steps: scenario.steps,
      lines: built.lines,
      history: built.history,
    },
  };
}
