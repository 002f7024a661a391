/**
 * Parsing a scenario file: JSON, then the schema, reporting the first bad field in document
 * order as MODEL.md asks (`steps[3].iova: expected a hex string`). zod reports issues in schema
 * order, so every issue is collected and the earliest by its position in the file wins.
 */
import { z } from 'zod';
import { EngineError } from '../errors.ts';
import { resolvePlatform } from '../state.ts';
import type { Platform } from '../model.ts';
import { OP_NAMES, OP_SCHEMAS, SCENARIO_FORMAT, platformSchema, type Scenario, type Step } from './schema.ts';

export interface ParsedScenario {
  readonly scenario: Scenario;
  readonly platform: Platform;
}
export type ParseOutcome = { readonly ok: true; readonly value: ParsedScenario } | { readonly ok: false; readonly message: string; readonly path: string };

type Path = readonly (string | number)[];
interface Problem {
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

function problemsOf(root: unknown, prefix: Path, error: z.ZodError): Problem[] {
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
  title: z.string({ error: 'expected a string' }).optional(),
  description: z.string({ error: 'expected a string' }).optional(),
  platform: platformSchema.optional(),
  steps: z.array(z.unknown(), { error: 'expected an array of steps' }),
});

/** Check one step's form; returns problems with paths relative to the document root. */
export function checkStep(root: unknown, prefix: Path, step: unknown): Problem[] {
  if (step === null || typeof step !== 'object' || Array.isArray(step)) return [{ path: prefix, message: 'expected a step object with an "op"' }];
  const op = (step as { op?: unknown }).op;
  if (typeof op !== 'string') return [{ path: [...prefix, 'op'], message: 'expected an op name' }];
  if (!(OP_NAMES as string[]).includes(op)) return [{ path: [...prefix, 'op'], message: `unknown op "${op}"` }];
  const r = OP_SCHEMAS[op as keyof typeof OP_SCHEMAS].safeParse(step);
  return r.success ? [] : problemsOf(root, prefix, r.error);
}

function first(root: unknown, problems: Problem[]): Problem | undefined {
  return problems.map((p) => ({ p, o: ordinals(root, p.path) })).sort((a, b) => compareOrder(a.o, b.o))[0]?.p;
}

/** Validate a parsed JSON value as a scenario. */
export function parseScenarioValue(root: unknown): ParseOutcome {
  const problems: Problem[] = [];
  const top = topSchema.safeParse(root);
  if (!top.success) problems.push(...problemsOf(root, [], top.error));
  const steps = (root as { steps?: unknown } | null)?.steps;
  if (Array.isArray(steps)) steps.forEach((s, i) => problems.push(...checkStep(root, ['steps', i], s)));
  const bad = first(root, problems);
  if (bad) return { ok: false, path: formatPath(bad.path), message: `${formatPath(bad.path) || '(file)'}: ${bad.message}` };
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

/** Parse scenario text (JSON). */
export function parseScenarioText(text: string): ParseOutcome {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    return { ok: false, path: '', message: `not valid JSON: ${(e as Error).message}` };
  }
  if (root === null || typeof root !== 'object' || Array.isArray(root)) return { ok: false, path: '', message: '(file): expected a JSON object with "format" and "steps"' };
  return parseScenarioValue(root);
}

/** Validate a single command (for the UI): a message naming the bad field, or the step. */
export function parseStep(value: unknown): { ok: true; step: Step } | { ok: false; message: string } {
  const bad = first(value, checkStep(value, [], value));
  return bad ? { ok: false, message: `${formatPath(bad.path) || '(step)'}: ${bad.message}` } : { ok: true, step: value as Step };
}
