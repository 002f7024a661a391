/** Checking a step's `expect` against what the engine answered (MODEL.md "Scenario file"). */
import type { ResultOf } from '../commands.ts';
import { stringifyExact } from './exactJson.ts';
import { hex } from '../hex.ts';
import { modelResult } from './modelResult.ts';
import type { Expectation, OpName } from './schema.ts';

/** The line of an accepted step: `op` says which op, so `line.op === 'dma'` narrows `result` to its type. */
export type OkLine<K extends OpName = OpName> = {
  [P in K]: { readonly step: number; readonly op: P; readonly ok: true; readonly result: ResultOf<P> };
}[K];

/** The line of a refused step: the errno and the sentence naming what is wrong; the state did not change. */
export interface RefusedLine {
  readonly step: number;
  readonly op: OpName;
  readonly ok: false;
  readonly error: { readonly code: string; readonly message: string };
}

/** One runner output line (MODEL.md "Runner"): narrow on `ok`, then on `op`. */
export type StepLine = OkLine | RefusedLine;

const HEX = /^0x[0-9a-fA-F]+$/;

/** `expected` matches `actual` if every key it names matches, recursively; hex strings compare by value. */
export function partialMatch(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'string' && typeof actual === 'string' && HEX.test(expected) && HEX.test(actual))
    return BigInt(expected) === BigInt(actual);
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) && expected.length === actual.length && expected.every((e, i) => partialMatch(e, actual[i]))
    );
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return false;
    return Object.entries(expected).every(([k, v]) => partialMatch(v, (actual as Record<string, unknown>)[k]));
  }
  return Object.is(expected, actual);
}

/** The `dma` result of a line, when the line is an accepted `dma` (null otherwise). */
export function dmaResultOf(line: StepLine) {
  return line.ok && line.op === 'dma' ? line.result : null;
}

/** The line's result in its output form (hex addresses and codes: what `expect.result` is written against). */
function printedResult(line: StepLine): unknown {
  return line.ok ? modelResult(line.op, line.result) : undefined;
}

function describe(line: StepLine): string {
  if (!line.ok) return `error ${line.error.code} (${line.error.message})`;
  const dma = dmaResultOf(line);
  if (dma?.outcome === 'fault') return `fault ${dma.fault}`;
  if (dma?.outcome === 'translated') return `translated to ${hex(dma.pa)}`;
  return `ok ${stringifyExact(printedResult(line))}`;
}

/** Every way the line misses its expectation (empty when it holds). */
export function checkExpectation(line: StepLine, e: Expectation): string[] {
  const misses: string[] = [];
  const got = describe(line);
  const dma = dmaResultOf(line);
  const result = printedResult(line);
  const pasid = line.ok && 'pasid' in line.result ? line.result.pasid : undefined;
  if (e.ok !== undefined && e.ok !== line.ok) misses.push(`expected ok=${e.ok}, got ${got}`);
  if (e.error !== undefined && (line.ok || line.error.code !== e.error))
    misses.push(`expected error ${e.error}, got ${got}`);
  if (e.fault !== undefined && (dma?.outcome !== 'fault' || dma.fault !== e.fault))
    misses.push(`expected fault ${e.fault}, got ${got}`);
  if (e.pa !== undefined && (dma?.outcome !== 'translated' || BigInt(e.pa) !== dma.pa))
    misses.push(`expected pa ${e.pa}, got ${got}`);
  if (e.pasid !== undefined && pasid !== e.pasid)
    misses.push(`expected pasid ${e.pasid}, got ${line.ok ? String(pasid) : got}`);
  if (e.result !== undefined && (result === undefined || !partialMatch(e.result, result)))
    misses.push(
      `expected result to include ${JSON.stringify(e.result)}, got ${line.ok ? stringifyExact(result) : got}`,
    );
  return misses;
}
