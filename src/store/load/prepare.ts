/**
 * Parse a scenario and replay it into a PreparedDoc (checkpoints, lines): the same code runs on
 * the main thread for small documents and in the loader worker for big ones.
 */
import { parseScenarioText, parseScenarioValue } from '../../engine/index.ts';
import { replayScenario, type Prepared } from './replayScenario.ts';

export type { Prepared } from './replayScenario.ts';

/** `onProgress(done, total)` is called every 256 steps; returning false cancels. */
export function prepareDoc(
  input: unknown,
  cursor: number,
  onProgress?: (done: number, total: number) => boolean | void,
): Prepared {
  const parsed = typeof input === 'string' ? parseScenarioText(input) : parseScenarioValue(input);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  return replayScenario(parsed.value.scenario, parsed.value.platform, cursor, onProgress);
}
