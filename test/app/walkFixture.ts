import { parseScenarioValue, runScenario, type ScenarioRun } from '../../src/engine/index.ts';
import threeWqs from '../../src/scenarios/three-wqs.json';

/** The three-WQs scenario run to the end (its `states`/`lines` give each step's state and result). */
export function runThreeWqs(): ScenarioRun {
  const parsed = parseScenarioValue(threeWqs);
  if (!parsed.ok) throw new Error(`three-wqs.json: ${parsed.message}`);
  return runScenario(parsed.value);
}

/** The result of step `i` as the store hands it to views. */
export function resultOf(run: ScenarioRun, i: number): Record<string, unknown> {
  const line = run.lines[i];
  if (!line || !line.ok) throw new Error(`step ${i} failed`);
  return line.result as Record<string, unknown>;
}
