/** jsonScan: syntax with line and column, depth, duplicate keys and inexact numbers, without recursion. */
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, scanJson } from '../../src/engine/scenario/jsonScan.ts';

function problem(text: string) {
  const r = scanJson(text);
  return r.ok ? null : { kind: r.kind, path: r.path, message: r.message };
}

describe('scanJson', () => {
  it.each([
    ['{}'],
    ['[]'],
    ['  {"a": [1, -2.5e3, "x\\n\\u00e9", true, false, null, {}], "b": {"c": []}}  '],
    ['"just a string"'],
    ['0'],
  ])('accepts valid JSON %s, as JSON.parse does', (text) => {
    expect(scanJson(text)).toEqual({ ok: true, inexact: [] });
    expect(() => JSON.parse(text)).not.toThrow();
  });

  it.each([
    ['', /the text is empty/],
    ['{', /ends early inside an object \(a "}" is missing\)/],
    ['{"steps": [1, 2', /ends early inside an array \(a "]" is missing\)/],
    ['{"a": "unterminated', /ends inside a string/],
    ['{"a" 1}', /line 1, column 6: expected ":" after the key, found "1"/],
    ['{"a": 1,}', /expected a key in double quotes, found "}"/],
    ['[1,]', /expected a value, found "]"/],
    ['{"a": 01}', /expected "," or "}", found "1"/],
    ['{\n  "a": tru\n}', /line 2, column 8: expected a value/],
    ['{"a": "tab\there"}', /control character \(U\+0009\) must be escaped/],
    ['{"a": "\\x"}', /"x" cannot follow a backslash/],
    ['{} {}', /expected the end of the text, found "{"/],
    ['\uFEFF{}', /found a byte-order mark/],
    ["{'a': 1}", /expected a key in double quotes or "}", found "'"/],
  ])('refuses %j with a sentence naming where', (text, re) => {
    const p = problem(text);
    expect(p?.kind).toBe('syntax');
    expect(p?.message).toMatch(re);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('refuses nesting deeper than the limit, naming the path, without overflowing the stack', () => {
    const deep =
      '{"format":1,"steps":[{"expect":{"result":' + '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000) + '}}]}';
    const p = problem(deep);
    expect(p?.kind).toBe('depth');
    expect(p?.path.slice(0, 5)).toEqual(['steps', 0, 'expect', 'result', 'a']);
    expect(p?.path).toHaveLength(MAX_JSON_DEPTH);
    expect(p?.message).toMatch(/more than 64 levels deep/);
    expect(scanJson('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)).ok).toBe(true);
    expect(scanJson('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1)).ok).toBe(false);
  });

  it('refuses a duplicate key, naming it and its path, also when one is written with escapes', () => {
    expect(problem('{"steps": [{"op": "dma", "iova": "0x0", "iova": "0x1000"}]}')).toEqual({
      kind: 'duplicate',
      path: ['steps', 0, 'iova'],
      message: 'the key "iova" appears twice in one object; JSON would keep only the last, so write each field once',
    });
    expect(problem('{"op": 1, "\\u006fp": 2}')?.path).toEqual(['op']);
    expect(scanJson('[{"a": 1}, {"a": 2}]').ok).toBe(true); // equal keys in different objects are fine
  });

  it('lists number literals a double cannot hold exactly, with their paths', () => {
    const r = scanJson(
      '{"steps": [{"size": 18014398509481985, "wq": 9007199254740991, "x": 1e400, "y": 0.1, "z": 2e53}]}',
    );
    expect(r).toEqual({
      ok: true,
      inexact: [
        { path: ['steps', 0, 'size'], literal: '18014398509481985' },
        { path: ['steps', 0, 'x'], literal: '1e400' },
        { path: ['steps', 0, 'z'], literal: '2e53' },
      ],
    });
  });

  it('scans a 100,000-step document (no recursion, no per-value paths)', () => {
    const big = JSON.stringify({
      steps: Array.from({ length: 100_000 }, (_, i) => ({
        op: 'dma',
        device: 'nic0',
        iova: `0x${(i * 4096).toString(16)}`,
        access: 'read',
        expect: { ok: true },
      })),
    });
    expect(scanJson(big)).toEqual({ ok: true, inexact: [] });
  });
});
