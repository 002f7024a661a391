/**
 * One validation per command (issue 13): a command from a form, a recipe or a context menu is checked
 * against the scenario schema once, here, and comes out branded `ValidCommand`. The store applies only
 * ValidCommands, so it never parses again; a command the user cannot have checked does not type-check.
 */
import { formatPath, stepProblem } from './parse.ts';
import type { Command, CommandOf, OpName } from './schema.ts';

declare const VALID: unique symbol;

/** A command the schema accepted (its `op`, every field's form; `expect` is never part of it). */
export type ValidCommand<K extends OpName = OpName> = (K extends OpName ? CommandOf<K> : never) & {
  readonly [VALID]: true;
};

/** A command of the wrong form: its first bad field, as the file format names it. */
export interface InvalidCommand {
  readonly ok: false;
  /** One sentence naming the field: `iova: expected a hex string` (MODEL.md's words, path first). */
  readonly message: string;
  /** Where, inside the command: `['iova']`, `['commands', 0, 'asid']`; empty for the command as a whole. */
  readonly path: readonly (string | number)[];
  /** What is wrong there, without the path: `expected a hex string`. A form says it next to its field. */
  readonly issue: string;
}

export type Validated = { readonly ok: true; readonly command: ValidCommand } | InvalidCommand;

/** Check a command of unknown form: the command, branded, or the first bad field (path and issue). */
export function validateCommand(value: unknown): Validated {
  const bad = stepProblem(value);
  if (bad !== null)
    return {
      ok: false,
      message: `${formatPath(bad.path) || '(step)'}: ${bad.message}`,
      path: bad.path,
      issue: bad.message,
    };
  if ((value as { expect?: unknown }).expect !== undefined)
    return {
      ok: false,
      message: 'expect: a command carries no expectation',
      path: ['expect'],
      issue: 'a command carries no expectation',
    };
  // The brand is the only thing added: the value is the one the schema accepted.
  return { ok: true, command: value as ValidCommand };
}

/**
 * A command the code itself writes (a button's fixed command, a recipe built from state ids), branded
 * after the same check; a failure is a bug in that code, not the user's input, so it throws.
 */
export function validCommand<C extends Command>(command: C): ValidCommand<C['op']> {
  const checked = validateCommand(command);
  if (!checked.ok) throw new Error(`invalid ${command.op} command: ${checked.message}`);
  return checked.command as ValidCommand<C['op']>;
}
