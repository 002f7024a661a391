/** Checking a step's `expect` against what the engine answered (MODEL.md "Scenario file"). */
import type { Expectation } from './schema.ts';

export interface StepLine {
  step: number;
  op: string;
  ok: boolean;
  result?: Readonly<Record<string, unknown>>;
  error?: { code: string; message: string };
}

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

function describe(line: StepLine): string {
  if (!line.ok) return `error ${line.error?.code} (${line.error?.message})`;
  const r = line.result ?? {};
  if (r['outcome'] === 'fault') return `fault ${String(r['fault'])}`;
  if (r['outcome'] === 'translated') return `translated to ${String(r['pa'])}`;
  return `ok ${JSON.stringify(r)}`;
}

/** Every way the line misses its expectation (empty when it holds). */
export function checkExpectation(line: StepLine, e: Expectation): string[] {
  const misses: string[] = [];
  const r = line.result ?? {};
  const got = describe(line);
  if (e.ok !== undefined && e.ok !== line.ok) misses.push(`expected ok=${e.ok}, got ${got}`);
  if (e.error !== undefined && (line.ok || line.error?.code !== e.error))
    misses.push(`expected error ${e.error}, got ${got}`);
  if (e.fault !== undefined && (!line.ok || r['outcome'] !== 'fault' || r['fault'] !== e.fault))
    misses.push(`expected fault ${e.fault}, got ${got}`);
  if (e.pa !== undefined && (!line.ok || r['outcome'] !== 'translated' || !partialMatch(e.pa, r['pa'])))
    misses.push(`expected pa ${e.pa}, got ${got}`);
  if (e.pasid !== undefined && (!line.ok || r['pasid'] !== e.pasid))
    misses.push(`expected pasid ${e.pasid}, got ${line.ok ? String(r['pasid']) : got}`);
  if (e.result !== undefined && (!line.ok || !partialMatch(e.result, r)))
    misses.push(`expected result to include ${JSON.stringify(e.result)}, got ${line.ok ? JSON.stringify(r) : got}`);
  return misses;
}
