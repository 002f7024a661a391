/**
 * Replay scenario text WITHOUT validating it (share.worker.ts): only for text that the page checks
 * with parseScenarioText on its own, using this document only when that check passes. Invalid text
 * may fail here in any way (an exception, a refusal); the page's check says what is wrong.
 */
import { initialState, resolvePlatform, type Scenario } from '../../engine/index.ts';
import { buildHistory } from '../history.ts';
import type { Prepared } from './prepare.ts';

export function replayText(text: string, cursor: number, onProgress: (done: number, total: number) => void): Prepared {
  const scenario = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as Scenario;
  const platform = resolvePlatform(scenario.platform);
  const total = scenario.steps.length;
  const built = buildHistory(initialState(platform), scenario.steps, Number.isFinite(cursor) ? cursor : total, (done) =>
    onProgress(done, total),
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
