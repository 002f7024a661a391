/**
 * Time travel with memory bounded by the work, not by the history: instead of one engine state per
 * step, a History keeps a checkpoint every `interval` steps plus the state at the cursor, and
 * rebuilds any other state by replaying the op log from the nearest state it holds (engine states
 * are immutable and commands deterministic, so a replay gives the same state; docs/storage.md).
 *
 * A History value is immutable from the outside: every change returns a new one. The only mutable
 * part is a small memo of recently rebuilt states (scrubbing the timeline back and forth), which
 * never changes what `stateAt` returns.
 */
import {
  applyCommand,
  commandOf,
  Ownership,
  lineOf,
  type DmaResult,
  type EngineState,
  type OkLine,
  type Step,
  type StepLine,
} from '../engine/index.ts';

/** A `dma` result as the store keeps it in `lines`: without its walk (dmaResultAt rebuilds that). */
export type KeptDmaResult = DmaResult extends infer R ? (R extends DmaResult ? Omit<R, 'walk'> : never) : never;
/** A line as the store keeps it: every line as the runner prints it, a DMA's without its walk. */
export type KeptLine =
  | Exclude<StepLine, OkLine<'dma'>>
  | { readonly step: number; readonly op: 'dma'; readonly ok: true; readonly result: KeptDmaResult };

/**
 * Steps between checkpoints. A rebuild replays at most this many commands (about 1 ms each on the
 * slowest op mixes measured: a few tens of ms), and 100,000 steps keep about 400 checkpoints.
 */
export const CHECKPOINT_INTERVAL = 256;
const MEMO_SIZE = 8;

export interface History {
  readonly interval: number;
  /** checkpoints[k]: the state after k * interval steps (checkpoints[0] is the initial state). */
  readonly checkpoints: readonly EngineState[];
  /** How many steps the history covers (the op log's length). */
  readonly length: number;
  readonly cursor: number;
  readonly cursorState: EngineState;
  /** Recently rebuilt states by step index (a cache: never observable). */
  readonly memo: Map<number, EngineState>;
}

/** A history with no steps. */
export function emptyHistory(initial: EngineState, interval = CHECKPOINT_INTERVAL): History {
  return { interval, checkpoints: [initial], length: 0, cursor: 0, cursorState: initial, memo: new Map() };
}

/** The nearest state the history holds at or before step `i`: [index, state]. */
function nearest(h: History, i: number): [number, EngineState] {
  const k = Math.min(Math.floor(i / h.interval), h.checkpoints.length - 1);
  let best: [number, EngineState] = [k * h.interval, h.checkpoints[k]!];
  if (h.cursor <= i && h.cursor > best[0]) best = [h.cursor, h.cursorState];
  for (const [j, st] of h.memo) if (j <= i && j > best[0]) best = [j, st];
  return best;
}

/** The engine state after the first `i` steps (0 ≤ i ≤ length), replaying from the nearest checkpoint. */
export function stateAt(h: History, steps: readonly Step[], i: number): EngineState {
  if (i < 0 || i > h.length) throw new RangeError(`no state at step ${i} (history has ${h.length} steps)`);
  if (i === h.cursor) return h.cursorState;
  if (i % h.interval === 0) return h.checkpoints[i / h.interval]!;
  const hit = h.memo.get(i);
  if (hit !== undefined) return hit;
  let [j, state] = nearest(h, i);
  // Only the last state is kept: the ones in between are written in place (engine/cow.ts).
  const owner = new Ownership();
  for (; j < i; j++) state = applyCommand(state, commandOf(steps[j]!), owner).state;
  h.memo.set(i, state);
  if (h.memo.size > MEMO_SIZE) h.memo.delete(h.memo.keys().next().value!);
  return state;
}

/** Move the cursor (the state there is rebuilt now, so reading it later is free). */
export function moveCursor(h: History, steps: readonly Step[], cursor: number): History {
  if (cursor === h.cursor) return h;
  const cursorState = stateAt(h, steps, cursor);
  return { ...h, cursor, cursorState };
}

/**
 * Drop every step after the cursor and append one whose resulting state is `next` (a command
 * applied at the cursor). The new cursor is at the end.
 */
export function pushState(h: History, next: EngineState): History {
  const length = h.cursor + 1;
  const keep = Math.floor(h.cursor / h.interval) + 1; // checkpoints at or before the old cursor
  let checkpoints = keep < h.checkpoints.length ? h.checkpoints.slice(0, keep) : h.checkpoints;
  if (length % h.interval === 0) checkpoints = [...checkpoints, next];
  const memo = new Map<number, EngineState>();
  for (const [j, st] of h.memo) if (j <= h.cursor) memo.set(j, st);
  return { interval: h.interval, checkpoints, length, cursor: length, cursorState: next, memo };
}

/** Progress callback of a long build: steps done so far; return false to stop (cancel). */
export type OnProgress = (done: number) => boolean | void;

export interface Built {
  readonly history: History;
  readonly lines: KeptLine[];
}

/**
 * Run a whole op log from `initial`, keeping checkpoints only; the cursor ends at `cursor`
 * (clamped). One outcome line per step, like the runner. Returns null when `onProgress` cancels.
 */
export function buildHistory(
  initial: EngineState,
  steps: readonly Step[],
  cursor = steps.length,
  onProgress?: OnProgress,
  interval = CHECKPOINT_INTERVAL,
): Built | null {
  const at = Math.max(0, Math.min(steps.length, Math.round(cursor)));
  const checkpoints: EngineState[] = [initial];
  const lines: KeptLine[] = [];
  let state = initial;
  let cursorState = at === 0 ? initial : undefined;
  // States between checkpoints are dropped, so commands may write them in place (engine/cow.ts);
  // a state that is kept (a checkpoint, the cursor's) releases ownership first.
  const owner = new Ownership();
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const command = commandOf(step);
    const applied = applyCommand(state, command, owner);
    state = applied.state;
    lines.push(compactLine(lineOf(i, command, applied)));
    if ((i + 1) % interval === 0) {
      checkpoints.push(state);
      owner.release();
    }
    if (i + 1 === at) {
      cursorState = state;
      owner.release();
    }
    if (onProgress !== undefined && (i & 255) === 255 && onProgress(i + 1) === false) return null;
  }
  const history: History = {
    interval,
    checkpoints,
    length: steps.length,
    cursor: at,
    cursorState: cursorState ?? state,
    memo: new Map(),
  };
  return { history, lines };
}

/**
 * A line as the store keeps it: a DMA's `walk` (most of its result: 8 to 24 decoded entries) is
 * dropped, since only the DMA shown needs it and `dmaAt` rebuilds it from a checkpoint.
 */
export function compactLine(line: StepLine): KeptLine {
  if (!line.ok || line.op !== 'dma') return line;
  const { walk: _walk, ...result } = line.result;
  return { ...line, result };
}

/** The index of the last accepted DMA among the first `cursor` steps, or -1. */
export function lastDmaIndex(steps: readonly Step[], lines: readonly KeptLine[], cursor: number): number {
  for (let i = Math.min(cursor, steps.length) - 1; i >= 0; i--) if (steps[i]?.op === 'dma' && lines[i]?.ok) return i;
  return -1;
}

/** The full result (walk included) of the DMA at step `i`, rebuilt by running it on the state before it. */
export function dmaResultAt(
  h: History,
  steps: readonly Step[],
  lines: readonly KeptLine[],
  i: number,
): DmaResult | null {
  // Kept lines never hold a walk (compactLine): run the DMA again on the state before it.
  if (lines[i]?.ok !== true) return null;
  const step = steps[i];
  if (step?.op !== 'dma') return null;
  const applied = applyCommand(stateAt(h, steps, i), commandOf(step));
  return applied.ok ? applied.result : null;
}
