/**
 * Replay scenario text WITHOUT validating it (share.worker.ts): only for text that the page checks
 * with parseScenarioText on its own, using this document only when that check passes. Invalid text
 * may fail here in any way (an exception, a refusal); the page's check says what is wrong.
 */
import { resolvePlatform, type Scenario } from '../../engine/index.ts';
import { replayScenario, type Prepared } from './replayScenario.ts';

export function replayText(text: string, cursor: number, onProgress: (done: number, total: number) => void): Prepared {
  const scenario = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as Scenario;
  return replayScenario(scenario, resolvePlatform(scenario.platform), cursor, onProgress);
}
