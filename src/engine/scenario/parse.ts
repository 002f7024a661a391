/**
 * Parsing a scenario file: JSON, then the schema, reporting the first bad field in document
 * order as MODEL.md asks (`steps[3].iova: expected a hex string`). zod reports issues in schema
 * order, so every issue is collected and the earliest by its position in the file wins.
 *
 * Text goes through jsonScan first (syntax with line and column, depth, duplicate keys, inexact
 * numbers), after a leading byte-order mark is dropped; a value (the UI's objects) gets the same
 * depth and number checks here. Every message is one sentence in the project's words
 * (wording.ts); docs/limits.md lists the limits.
 */
import * as z from 'zod/mini';
import { EngineError } from '../errors.ts';
import { resolvePlatform } from '../state.ts';
import type { Platform } from '../model.ts';
import { cleanValue, parseCleanJson } from './cleanJson.ts';
import { MAX_JSON_DEPTH, scanJson, type InexactNumber } from './jsonScan.ts';
import { quickAccept } from './quickAccept.ts';
import { PARSE_OPTIONS } from './wording.ts';
import {
  OP_NAMES,
  OP_SCHEMAS,
  SCENARIO_FORMAT,
  platformSchema,
  type OpName,
  type Scenario,
  type Step,
} from './schema.ts';

export interface ParsedScenario {
  readonly scenario: Scenario;
  readonly platform: Platform;
}
export type ParseOutcome =
  | { readonly ok: true; readonly value: ParsedScenario }
  | { readonly ok: false; readonly message: string; readonly path: string };

type Path = readonly (string | number)[];
/** A value of the wrong form: where (a JSON path) and what is wrong there (without the path). */
export interface Problem {
  path: Path;
  message: string;
}

export function formatPath(path: Path): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? p : `.${p}`;
  return s;
}

/** Ordinals of a path in the document: array index, or the key's position among its object's keys (missing keys last). */
function ordinals(root: unknown, path: Path): number[] {
  const out: number[] = [];
  let node: unknown = root;
  for (const seg of path) {
    if (Array.isArray(node) && typeof seg === 'number') {
      out.push(seg);
      node = node[seg];
    } else if (node !== null && typeof node === 'object') {
      const keys = Object.keys(node);
      const i = keys.indexOf(String(seg));
      out.push(i < 0 ? keys.length : i);
      node = (node as Record<string, unknown>)[String(seg)];
    } else {
      out.push(0);
      node = undefined;
    }
  }
  return out;
}

function compareOrder(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  }
  return a.length - b.length;
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}

function problemsOf(root: unknown, prefix: Path, error: z.core.$ZodError): Problem[] {
  const out: Problem[] = [];
  for (const issue of error.issues) {
    const path = [...prefix, ...(issue.path as (string | number)[])];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: [...path, key], message: 'unknown field' });
      continue;
    }
    const missing = valueAt(root, path) === undefined;
    out.push({ path, message: missing ? `required field is missing (${issue.message})` : issue.message });
  }
  return out;
}

const topSchema = z.strictObject({
  format: z.literal(SCENARIO_FORMAT, { error: `expected "${SCENARIO_FORMAT}"` }),
  title: z.optional(z.string({ error: 'expected a string' })),
  description: z.optional(z.string({ error: 'expected a string' })),
  platform: z.optional(platformSchema),
  steps: z.array(z.unknown(), { error: 'expected an array of steps' }),
});

const OP_SET: ReadonlySet<string> = new Set(OP_NAMES);

/**
 * The yes-only shortcut (quickAccept.ts): a step it says yes to has nothing for zod to report, so
 * zod is asked (and words the problem) only about the others.
 */
function quickStep(step: unknown): boolean {
  if (step === null || typeof step !== 'object') return false;
  const op = (step as { op?: unknown }).op;
  return typeof op === 'string' && OP_SET.has(op) && quickAccept(OP_SCHEMAS[op as OpName])(step);
}

/** Check one step's form; returns problems with paths relative to the document root. */
export function checkStep(root: unknown, prefix: Path, step: unknown): Problem[] {
  if (step === null || typeof step !== 'object' || Array.isArray(step))
    return [{ path: prefix, message: 'expected a step object with an "op"' }];
  const op = (step as { op?: unknown }).op;
  if (typeof op !== 'string') return [{ path: [...prefix, 'op'], message: 'expected an op name' }];
  if (!OP_SET.has(op)) return [{ path: [...prefix, 'op'], message: `unknown op "${op}"` }];
  const r = OP_SCHEMAS[op as keyof typeof OP_SCHEMAS].safeParse(step, PARSE_OPTIONS);
  return r.success ? [] : problemsOf(root, prefix, r.error);
}

function first(root: unknown, problems: Problem[]): Problem | undefined {
  return problems.map((p) => ({ p, o: ordinals(root, p.path) })).sort((a, b) => compareOrder(a.o, b.o))[0]?.p;
}

/** Fields that hold a byte count and also accept it as a string. */
const SIZE_FIELDS: ReadonlySet<string> = new Set(['size', 'memory', 'hostMemory']);

/** A number a double cannot hold exactly: refused, naming the field and how to write it instead. */
function inexactProblem(path: Path, literal: string, exactText: boolean): Problem {
  const shown = exactText ? literal : `about ${literal}`;
  const last = path[path.length - 1];
  const plain = /^-?\d+$/.test(literal);
  const advice =
    typeof last === 'string' && SIZE_FIELDS.has(last) && plain && !literal.startsWith('-')
      ? `; write the byte count as a string: "${literal}" or "0x${BigInt(literal).toString(16)}"`
      : '';
  return { path, message: `${shown} is too large for a JSON number to hold exactly (above 2^53 - 1)${advice}` };
}

/**
 * Depth and inexact numbers of an already parsed value, without recursion (a value from the UI has
 * not been through jsonScan). Returns the problem that stops everything (too deep) or the number problems.
 */
function checkValueShape(
  root: unknown,
  exactLiterals: ReadonlyMap<string, string>,
): { fatal: Problem } | { problems: Problem[] } {
  interface Node {
    readonly value: unknown;
    readonly parent: Node | null;
    readonly key: string | number;
    readonly depth: number;
  }
  const pathOf = (node: Node): Path => {
    const out: (string | number)[] = [];
    for (let n: Node | null = node; n !== null && n.parent !== null; n = n.parent) out.push(n.key);
    return out.reverse();
  };
  const problems: Problem[] = [];
  const todo: Node[] = [{ value: root, parent: null, key: '', depth: 0 }];
  for (let node = todo.pop(); node !== undefined; node = todo.pop()) {
    const v = node.value;
    if (typeof v === 'number') {
      if (Number.isInteger(v) && !Number.isSafeInteger(v)) {
        const path = pathOf(node);
        const literal = exactLiterals.get(formatPath(path));
        problems.push(inexactProblem(path, literal ?? BigInt(v).toString(), literal !== undefined));
      }
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (node.depth >= MAX_JSON_DEPTH) {
      return {
        fatal: {
          path: pathOf(node),
          message: `nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep, the most a scenario may use`,
        },
      };
    }
    if (Array.isArray(v))
      for (let i = v.length - 1; i >= 0; i--) todo.push({ value: v[i], parent: node, key: i, depth: node.depth + 1 });
    else for (const [k, x] of Object.entries(v)) todo.push({ value: x, parent: node, key: k, depth: node.depth + 1 });
  }
  return { problems };
}

/** `a.b[2]…` for a path too long to print in full (a deep nesting). */
function shortPath(path: Path): string {
  return path.length > 6 ? `${formatPath(path.slice(0, 5))}…` : formatPath(path);
}

function refusal(p: Problem): { ok: false; path: string; message: string } {
  return { ok: false, path: formatPath(p.path), message: `${shortPath(p.path) || '(file)'}: ${p.message}` };
}

/** Validate a parsed JSON value as a scenario. */
export function parseScenarioValue(root: unknown, inexact: readonly InexactNumber[] = []): ParseOutcome {
  // A value with no deep nesting and no inexact number has nothing for checkValueShape to say.
  if (cleanValue(root)) return validate(root, []);
  const shape = checkValueShape(root, new Map(inexact.map((x) => [formatPath(x.path), x.literal])));
  if ('fatal' in shape) return refusal(shape.fatal);
  return validate(root, shape.problems);
}

/** The schema part of validation, after the shape's own problems (`shapeProblems`, which come first on a tie). */
function validate(root: unknown, shapeProblems: readonly Problem[]): ParseOutcome {
  // zod only where quickAccept is not sure: a part it says yes to has no problem to add (so a
  // file with one bad step among thousands asks zod about that step alone).
  const problems: Problem[] = [...shapeProblems];
  if (!quickAccept(topSchema)(root)) {
    const top = topSchema.safeParse(root, PARSE_OPTIONS);
    if (!top.success) problems.push(...problemsOf(root, [], top.error));
  }
  const steps = (root as { steps?: unknown } | null)?.steps;
  // forEach, as before: a hole in a sparse array (a value from the UI) is no step to check.
  if (Array.isArray(steps))
    steps.forEach((step: unknown, i) => {
      if (!quickStep(step)) problems.push(...checkStep(root, ['steps', i], step));
    });
  const bad = problems.length === 0 ? undefined : first(root, problems);
  if (bad) return refusal(bad);
  const scenario = root as Scenario;
  try {
    return { ok: true, value: { scenario, platform: resolvePlatform(scenario.platform) } };
  } catch (e) {
    if (e instanceof EngineError) {
      const path = /^platform\.(\w+)/.exec(e.message)?.[0] ?? 'platform';
      return { ok: false, path, message: e.message.replace(/^platform\.(\w+)/, '$&:') };
    }
    throw e;
  }
}

/** A leading UTF-8 byte-order mark is accepted and dropped, by the runner, Import and share links alike. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const NOT_AN_OBJECT = {
  ok: false,
  path: '',
  message: '(file): expected a JSON object with "format" and "steps"',
} as const satisfies ParseOutcome;

/** Parse scenario text (JSON). */
export function parseScenarioText(text: string): ParseOutcome {
  const body = stripBom(text);
  // The common case first: jsonScan would find nothing (cleanJson.ts), so it need not run.
  const clean = parseCleanJson(body);
  if (clean !== undefined) {
    const root = clean.value;
    if (root === null || typeof root !== 'object' || Array.isArray(root)) return { ...NOT_AN_OBJECT };
    return validate(root, []);
  }
  const scan = scanJson(body);
  if (!scan.ok) {
    const where = shortPath(scan.path);
    return {
      ok: false,
      path: formatPath(scan.path),
      message: scan.kind === 'syntax' || where === '' ? scan.message : `${where}: ${scan.message}`,
    };
  }
  const root: unknown = JSON.parse(body);
  if (root === null || typeof root !== 'object' || Array.isArray(root)) return { ...NOT_AN_OBJECT };
  return parseScenarioValue(root, scan.inexact);
}

/**
 * The first problem of a single command's form, in document order (its path relative to the command,
 * its message without the path), or null when the command is well formed.
 */
export function stepProblem(value: unknown): Problem | null {
  if (cleanValue(value) && quickStep(value)) return null;
  const shape = checkValueShape(value, new Map());
  return ('fatal' in shape ? shape.fatal : first(value, [...shape.problems, ...checkStep(value, [], value)])) ?? null;
}

/** Validate a single command (for the UI): a message naming the bad field, or the step. */
export function parseStep(value: unknown): { ok: true; step: Step } | { ok: false; message: string } {
  const bad = stepProblem(value);
  return bad
    ? { ok: false, message: `${formatPath(bad.path) || '(step)'}: ${bad.message}` }
    : { ok: true, step: value as Step };
}
