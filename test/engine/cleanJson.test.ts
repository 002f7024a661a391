/**
 * cleanJson (src/engine/scenario/cleanJson.ts) says "clean" only for text jsonScan accepts with no
 * inexact number, and then gives JSON.parse's value; everything jsonScan has something to say about
 * (syntax, depth, duplicate keys, inexact numbers) is left to jsonScan.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanValue, parseCleanJson } from '../../src/engine/scenario/cleanJson.ts';
import { MAX_JSON_DEPTH, scanJson } from '../../src/engine/scenario/jsonScan.ts';
import { mutatedText } from '../helpers/mutatedScenarios.ts';

/** The promise: clean ⇒ jsonScan finds nothing and the value is JSON.parse's. */
function agrees(text: string): void {
  const clean = parseCleanJson(text);
  if (clean === undefined) return;
  expect(scanJson(text)).toEqual({ ok: true, inexact: [] });
  expect(clean.value).toEqual(JSON.parse(text));
}

const nest = (n: number) => '['.repeat(n) + ']'.repeat(n);

describe('parseCleanJson', () => {
  it.each([
    ['{}'],
    ['[]'],
    ['"a:b"'],
    ['0'],
    [' {"a": [1, -2.5e3, "x\\n\\u00e9", true, false, null, {}], "b": {"c": []}} '],
    ['{"bdf": "0000:6a:01.0", "k:": ":", "q\\"": "\\":\\\\"}'],
    ['{"a": 9007199254740991, "b": -9007199254740991, "c": 1e-400, "d": 0.1}'],
    [nest(MAX_JSON_DEPTH)],
    ['{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]}'],
  ])('is clean: %s', (text) => {
    expect(parseCleanJson(text)).toEqual({ value: JSON.parse(text) });
    agrees(text);
  });

  it.each([
    ['', 'syntax'],
    ['{', 'syntax'],
    ['[1,]', 'syntax'],
    ['\uFEFF{}', 'syntax'],
    ['{"a": 1, "a": 2}', 'duplicate'],
    ['{"op": 1, "\\u006fp": 2}', 'duplicate'],
    ['{"x": {"a:": ":", "a:": 1}}', 'duplicate'],
    ['[{"a": 1, "b": {"c": 1, "c": 1}}]', 'duplicate'],
    [nest(MAX_JSON_DEPTH + 1), 'depth'],
    ['{"size": 18014398509481985}', 'inexact'],
    ['[9007199254740992]', 'inexact'],
    ['{"x": 1e400}', 'inexact'],
    ['-1e400', 'inexact'],
    ['{"x": 2e53}', 'inexact'],
  ])('leaves %j to jsonScan (%s)', (text, kind) => {
    expect(parseCleanJson(text)).toBeUndefined();
    const scan = scanJson(text);
    if (kind === 'inexact') expect(scan.ok && scan.inexact.length).toBeGreaterThan(0);
    else expect(!scan.ok && scan.kind).toBe(kind);
  });

  it('agrees with jsonScan on edited scenarios and on arbitrary JSON', () => {
    fc.assert(fc.property(mutatedText, agrees), { numRuns: 500 });
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 1, 2), (v, indent) => agrees(JSON.stringify(v, null, indent))),
      { numRuns: 500 },
    );
  });

  it('is clean for JSON that jsonScan accepts quietly (the common case really skips the scan)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (v) => {
        const text = JSON.stringify(v);
        const scan = scanJson(text);
        if (scan.ok && scan.inexact.length === 0) expect(parseCleanJson(text)).toBeDefined();
      }),
      { numRuns: 500 },
    );
  });
});

describe('cleanValue', () => {
  it('refuses deep values (also cyclic ones) and numbers text cannot hold, without recursion', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(cleanValue(cyclic)).toBe(false);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(cleanValue(deep)).toBe(false);
    expect(cleanValue({ a: [2 ** 60] })).toBe(false);
    expect(cleanValue({ a: NaN })).toBe(false);
    expect(cleanValue({ a: [1, 'x', null, { b: 2 ** 53 - 1 }] })).toBe(true);
  });
});
