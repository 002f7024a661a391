/**
 * Running a parsed scenario through the engine: one output line per step, expectations checked.
 *
 * `stepThrough` is the primitive: a generator that applies one step per `next()` and keeps nothing
 * behind it, so memory is bounded by the current state, not by the history (issue 9: 100,000 steps
 * used to keep 100,000 states). The runner streams its lines from it; the store can pull a chunk
 * of steps at a time (progress, Cancel) and keep only the checkpoints it wants. `runSteps` keeps
 * every state for callers that want time travel over a short document.
 */
import { applyCommand, type Applied, type ResultOf } from '../commands.ts';
import type { EngineState } from '../model.ts';
import { initialState } from '../state.ts';
import { checkExpectation, type OkLine, type StepLine } from './expect.ts';
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

/** One applied step, as `stepThrough` yields it. */
export interface SteppedLine {
  /** 0-based index of the step in the document. */
  readonly index: number;
  readonly line: StepLine;
  /** The state after this step (the previous state when the op was refused). */
  readonly state: EngineState;
  /** How the step's `expect` missed, each as `step 4 (dma): expected …`; empty when it held or had none. */
  readonly failures: readonly string[];
}

/** What a streaming run returns once every step has been applied: no lines, no intermediate states. */
export interface StreamedRun {
  readonly state: EngineState;
  /** Steps applied (fewer than the document's when `onStep` returned false). */
  readonly steps: number;
  readonly failureCount: number;
  /** True when `onStep` stopped the run early. */
  readonly stopped: boolean;
}

/** The command part of a step (without `expect`). */
export function commandOf<S extends Step>(step: S): Extract<Command, { op: S['op'] }> {
  // Most steps carry no `expect`: the step is then its own command (a replay runs thousands).
  if (!('expect' in step)) return step as Extract<Command, { op: S['op'] }>;
  const { expect: _ignored, ...command } = step;
  return command as Extract<Command, { op: S['op'] }>;
}

/**
 * The output line of command `op` applied at step `index`. The op and its result travel together so
 * that `line.op` narrows `line.result`; this is where the pair is formed (one cast: TypeScript does not
 * correlate a generic op with its result through the mapped line type).
 */
export function lineOf<C extends Command>(index: number, command: C, applied: Applied<ResultOf<C['op']>>): StepLine {
  if (!applied.ok)
    return {
      step: index,
      op: command.op,
      ok: false,
      error: { code: applied.error.code, message: applied.error.message },
    };
  return { step: index, op: command.op, ok: true, result: applied.result } as OkLine;
}

/** Apply one step and describe it as its output line. */
export function applyStep(state: EngineState, step: Step, index: number): SteppedLine {
  const command = commandOf(step);
  const applied = applyCommand(state, command);
  const line = lineOf(index, command, applied);
  const failures = step.expect
    ? checkExpectation(line, step.expect).map((miss) => `step ${index} (${step.op}): ${miss}`)
    : [];
  return { index, line, state: applied.state, failures };
}

/**
 * Apply `steps` one at a time, lazily: each `next()` applies one step. Nothing is retained between
 * steps, so a consumer that drops what it has seen runs in memory bounded by one state.
 * `from` is the index of `steps[0]` in the document (to resume a replay from a checkpoint).
 */
export function* stepThrough(
  initial: EngineState,
  steps: readonly Step[],
  from = 0,
): Generator<SteppedLine, EngineState, undefined> {
  let state = initial;
  for (let i = 0; i < steps.length; i++) {
    const s = applyStep(state, steps[i]!, from + i);
    state = s.state;
    yield s;
  }
  return state;
}

/**
 * Run `steps`, calling `onStep` after each one (return `false` from it to stop). Keeps no lines and
 * no intermediate states: the runner prints each line as it comes.
 */
export function runStepsStreaming(
  initial: EngineState,
  steps: readonly Step[],
  onStep: (s: SteppedLine) => void | boolean,
): StreamedRun {
  let state = initial;
  let count = 0;
  let failureCount = 0;
  for (const s of stepThrough(initial, steps)) {
    state = s.state;
    count++;
    failureCount += s.failures.length;
    if (onStep(s) === false) return { state, steps: count, failureCount, stopped: true };
  }
  return { state, steps: count, failureCount, stopped: false };
}

/** Run every step and keep every line and every intermediate state (fine for short documents only). */
export function runSteps(initial: EngineState, steps: readonly Step[]): ScenarioRun {
  const lines: StepLine[] = [];
  const failures: string[] = [];
  const states: EngineState[] = [initial];
  const end = runStepsStreaming(initial, steps, (s) => {
    states.push(s.state);
    lines.push(s.line);
    failures.push(...s.failures);
  });
  return { lines, failures, state: end.state, states };
}

export function runScenario(parsed: ParsedScenario): ScenarioRun {
  return runSteps(initialState(parsed.platform), parsed.scenario.steps);
}
