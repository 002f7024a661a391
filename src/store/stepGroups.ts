/**
 * Step groups: a recipe ("give the host a WQ through a DMA domain") is applied as the ops it stands
 * for, so the op log (the scenario's steps) shows every op and replays anywhere, while undo/redo move
 * over the whole recipe. A group is store metadata only (never written into a step or a scenario file).
 *
 * A group remembers the step objects it covers, so it is only honoured while the log still holds
 * those very steps at its position: a new command that truncates the redo tail, a load or a reset
 * replaces them and the group silently stops applying — no bookkeeping in every action that edits
 * the log. A kept document stores its groups by position (StoredGroup), and reopening it ties them
 * to the re-parsed steps again, so a recipe still undoes as one after a reload.
 */
import { applyCommand, type EngineState, type Step, type ValidCommand } from '../engine/index.ts';

export interface StepGroup {
  /** Index of the group's first step in the log. */
  readonly start: number;
  /** The step objects it covers (steps[start .. start + steps.length)). */
  readonly steps: readonly Step[];
  /** What the user asked for, e.g. "Give the host a WQ". */
  readonly label: string;
}

/** The group still stands: the log holds its own step objects at its position. */
function holds(group: StepGroup, steps: readonly Step[]): boolean {
  return group.steps.every((st, i) => steps[group.start + i] === st);
}

/** Where Undo goes from `cursor`: the start of the group that ends there, else one step back. */
export function undoTarget(groups: readonly StepGroup[], steps: readonly Step[], cursor: number): number {
  const g = groups.find((x) => x.start + x.steps.length === cursor && holds(x, steps));
  return g === undefined ? cursor - 1 : g.start;
}

/** Where Redo goes from `cursor`: the end of the group that starts there, else one step on. */
export function redoTarget(groups: readonly StepGroup[], steps: readonly Step[], cursor: number): number {
  const g = groups.find((x) => x.start === cursor && holds(x, steps));
  return g === undefined ? cursor + 1 : g.start + g.steps.length;
}

/** A group as a kept document stores it: by position (the steps themselves are the document's). */
export interface StoredGroup {
  readonly start: number;
  readonly length: number;
  readonly label: string;
}

/** The groups that still stand, by position, for storage. */
export function storedGroups(groups: readonly StepGroup[], steps: readonly Step[]): StoredGroup[] {
  return groups.filter((g) => holds(g, steps)).map((g) => ({ start: g.start, length: g.steps.length, label: g.label }));
}

/**
 * Tie stored groups to a reopened document's steps: only groups of two or more steps that lie
 * inside the log and do not overlap an earlier one are kept (a damaged save loses groups, not steps).
 */
export function revivedGroups(stored: readonly StoredGroup[], steps: readonly Step[]): StepGroup[] {
  const out: StepGroup[] = [];
  let end = 0;
  for (const g of [...stored].sort((a, b) => a.start - b.start)) {
    if (g.start < end || g.length < 2 || g.start + g.length > steps.length) continue;
    out.push({ start: g.start, steps: steps.slice(g.start, g.start + g.length), label: g.label });
    end = g.start + g.length;
  }
  return out;
}

/** The groups that still stand, plus a new one (stale ones are dropped so the list stays short). */
export function withGroup(groups: readonly StepGroup[], steps: readonly Step[], group: StepGroup): StepGroup[] {
  return [...groups.filter((g) => holds(g, steps) && g.start + g.steps.length <= group.start), group];
}

export type DryRun =
  | { readonly ok: true; readonly steps: readonly Step[] }
  | {
      readonly ok: false;
      readonly index: number;
      readonly code: string;
      readonly message: string;
      readonly op: string;
    };

/**
 * Run the commands on a state without keeping anything (the engine is pure): all succeed, or the
 * first refusal is reported with its position, so a recipe is applied all-or-nothing.
 */
export function dryRun(state: EngineState, commands: readonly ValidCommand[]): DryRun {
  let st = state;
  const steps: Step[] = [];
  for (const [index, command] of commands.entries()) {
    const applied = applyCommand(st, command);
    if (!applied.ok)
      return { ok: false, index, code: applied.error.code, message: applied.error.message, op: command.op };
    st = applied.state;
    steps.push(command);
  }
  return { ok: true, steps };
}

/** The sentence naming which op of a recipe was refused, e.g. "step 2 of 4 (attach) was refused: …". */
export function groupErrorMessage(label: string, total: number, failed: Extract<DryRun, { ok: false }>): string {
  return `${label}: step ${failed.index + 1} of ${total} (${failed.op}) was refused, so nothing was applied — ${failed.message}`;
}

/** The standing group that covers step `index`, if any (the event log marks a recipe's ops). */
export function groupAt(groups: readonly StepGroup[], steps: readonly Step[], index: number): StepGroup | undefined {
  return groups.find((g) => index >= g.start && index < g.start + g.steps.length && holds(g, steps));
}
