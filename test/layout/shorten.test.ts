/**
 * shorten (layered.ts) measures an ASCII label's prefixes in one pass: the cut must be the one the
 * definition finds (drop the last character while the text with … is too wide, keeping one), on any
 * string, size and width.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shorten } from '../../src/layout/layered.ts';
import { textWidth } from '../../src/layout/textWidth.ts';

const SEED = Number(process.env['FC_SEED'] ?? 20261202);

function reference(text: string, px: number, max: number): string {
  if (textWidth(text, px) <= max) return text;
  let s = text;
  while (s.length > 1 && textWidth(`${s}…`, px) > max) s = s.slice(0, -1);
  return `${s}…`;
}

describe('shorten', () => {
  it('cuts where the one-prefix-at-a-time definition cuts', () => {
    const text = fc.oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), fc.string({ maxLength: 30 }));
    fc.assert(
      fc.property(text, fc.constantFrom(10.5, 13), fc.double({ min: 0, max: 200, noNaN: true }), (s, px, max) => {
        expect(shorten(s, px, max)).toBe(reference(s, px, max));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('fleet detail lines at the column limit', () => {
    for (const s of ['0000:10:01.0 rid 0x1008', 'mdev mdev4095', 'DMA DID 2', 'IOAS #3 · 12 areas'])
      for (const max of [0, 10, 30, 69, 82, 500]) expect(shorten(s, 10.5, max)).toBe(reference(s, 10.5, max));
  });
});
