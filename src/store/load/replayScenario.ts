/**
 * Replay a scenario's steps into a PreparedDoc (checkpoints, lines): shared by prepare.ts (after it
 * validated the scenario) and replayText.ts (the share worker, whose text the page validates itself).
 */
import { initialState, type Platform, type Scenario } from '../../engine/index.ts';
import { buildHistory, type History, type KeptLine } from '../history.ts';
import type { PlatformInput } from '../scenarioDoc.ts';

/** A document parsed and replayed, ready for the store's installDocument (main thread or a worker). */
export interface PreparedDoc {
  readonly title: string;
  readonly platformInput: PlatformInput | undefined;
  readonly platform: Platform;
  readonly steps: Scenario['steps'];
  readonly lines: readonly KeptLine[];
  readonly history: History;
}

/** A document ready to install, a refusal (what is wrong), or a cancelled load. */
export type Prepared =
  | { readonly ok: true; readonly doc: PreparedDoc }
  | { readonly ok: false; readonly message: string }
  | { readonly ok: false; readonly cancelled: true };

/** `onProgress(done, total)` is called every 256 steps; returning false cancels. */
export function replayScenario(
  scenario: Scenario,
  platform: Platform,
  cursor: number,
  onProgress?: (done: number, total: number) => boolean | void,
): Prepared {
  const total = scenario.steps.length;
  const at = Number.isFinite(cursor) ? cursor : total;
  const built = buildHistory(
    initialState(platform),
    scenario.steps,
    at,
    onProgress === undefined ? undefined : (done) => onProgress(done, total),
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
