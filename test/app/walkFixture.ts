import {
  dmaResultOf,
  parseScenarioValue,
  runScenario,
  type DmaResult,
  type ScenarioRun,
} from '../../src/engine/index.ts';
import threeWqs from '../../src/scenarios/three-wqs.json';

/** The three-WQs scenario run to the end (its `states`/`lines` give each step's state and result). */
export function runThreeWqs(): ScenarioRun {
  const parsed = parseScenarioValue(threeWqs);
  if (!parsed.ok) throw new Error(`three-wqs.json: ${parsed.message}`);
  return runScenario(parsed.value);
}

/** The `dma` result of step `i` as the store hands it to views. */
export function resultOf(run: ScenarioRun, i: number): DmaResult {
  const line = run.lines[i];
  const result = line ? dmaResultOf(line) : null;
  if (result === null) throw new Error(`step ${i} is not an accepted dma`);
  return result;
}
