/** Running a parsed scenario through the engine: one output line per step, expectations checked. */
import { applyCommand } from '../commands.ts';
import type { EngineState } from '../model.ts';
import { initialState } from '../state.ts';
import { checkExpectation, type StepLine } from './expect.ts';
import type { ParsedScenario } from './parse.ts';
import type { Command, Step } from './schema.ts';

export interface ScenarioRun {
  readonly lines: StepLine[];
  /** One message per step whose `expect` did not hold: `step 4 (dma): expected …`. */
  readonly failures: string[];
  readonly state: EngineState;
  /** The state before each step and after the last (for time travel in the UI). */
  readonly states: EngineState[];
}

/** The command part of a step (without `expect`). */
export function commandOf(step: Step): Command {
  const { expect: _ignored, ...command } = step;
  return command as Command;
}

export function runSteps(initial: EngineState, steps: readonly Step[]): ScenarioRun {
  let state = initial;
  const lines: StepLine[] = [];
  const failures: string[] = [];
  const states: EngineState[] = [state];
  steps.forEach((step, i) => {
    const applied = applyCommand(state, commandOf(step));
    state = applied.state;
    states.push(state);
    const line: StepLine = applied.ok
      ? { step: i, op: step.op, ok: true, result: applied.result }
      : { step: i, op: step.op, ok: false, error: { code: applied.error.code, message: applied.error.message } };
    lines.push(line);
    if (step.expect) for (const miss of checkExpectation(line, step.expect)) failures.push(`step ${i} (${step.op}): ${miss}`);
  });
  return { lines, failures, state, states };
}

export function runScenario(parsed: ParsedScenario): ScenarioRun {
  return runSteps(initialState(parsed.platform), parsed.scenario.steps);
}
