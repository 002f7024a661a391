/** Output lines print every integer exactly, bigints included (docs/limits.md "Numbers in the output"). */
import { describe, expect, it } from 'vitest';
import { stringifyExact } from '../../src/engine/scenario/exactJson.ts';

describe('stringifyExact', () => {
  it('is JSON.stringify for ordinary values', () => {
    const v = {
      step: 3,
      op: 'unmap',
      ok: true,
      result: { unmapped: 65536, walk: [{ entry: '0x1003', index: 7 }], pa: null, f: 0.5 },
    };
    expect(stringifyExact(v)).toBe(JSON.stringify(v));
  });

  it('prints integers above 2^53 with all their digits', () => {
    expect(JSON.stringify({ unmapped: 2 ** 57 })).toBe('{"unmapped":144115188075855870}'); // what it replaces
    expect(stringifyExact({ unmapped: 2 ** 57 })).toBe('{"unmapped":144115188075855872}');
    expect(stringifyExact([2 ** 70, -(2 ** 60)])).toBe('[1180591620717411303424,-1152921504606846976]');
  });

  it('prints bigints as integer literals instead of throwing', () => {
    expect(stringifyExact({ a: 18014398509481985n, b: 'x' })).toBe('{"a":18014398509481985,"b":"x"}');
  });

  it('leaves strings that merely contain long digit runs alone', () => {
    const v = { message: 'size: 12345678901234567890 bytes', n: 1 };
    expect(stringifyExact(v)).toBe(JSON.stringify(v));
  });
});
