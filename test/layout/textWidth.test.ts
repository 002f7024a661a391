/**
 * textWidth reads ASCII from a table and counts a surrogate pair once: the same widths, bit for bit,
 * as the per-code-point definition (layouts and snapshots must not move), on any string.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textWidth } from '../../src/layout/textWidth.ts';

const SEED = Number(process.env['FC_SEED'] ?? 20261202);

/** The definition, one code point at a time (as textWidth was first written). */
function reference(text: string, px: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if ("iljtfrI.,:;!|' ()[]1".includes(ch)) em += 0.36;
    else if ('mwMW@%'.includes(ch)) em += 0.92;
    else if (ch >= 'A' && ch <= 'Z') em += 0.7;
    else if (ch === '_') em += 0.55;
    else em += 0.62;
  }
  return em * px * (bold ? 1.14 : 1);
}

describe('textWidth', () => {
  it('equals the per-code-point definition on any string (ASCII, BMP, astral, lone surrogates)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
      fc.array(fc.integer({ min: 0xd800, max: 0xdfff }), { maxLength: 6 }).map((u) => String.fromCharCode(...u)),
    );
    const seen = { narrow: 0, wide: 0, nonAscii: 0, pair: 0, lone: 0 };
    fc.assert(
      fc.property(text, fc.constantFrom(10.5, 13, 14), fc.boolean(), (s, px, bold) => {
        if (/[iljtfrI.,:;!|' ()[\]1]/.test(s)) seen.narrow++;
        if (/[mwMW@%]/.test(s)) seen.wide++;
        if (/[^\0-\x7f]/.test(s)) seen.nonAscii++;
        if (/[\ud800-\udbff][\udc00-\udfff]/.test(s)) seen.pair++;
        if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s)) seen.lone++;
        expect(textWidth(s, px, bold)).toBe(reference(s, px, bold));
      }),
      { seed: SEED, numRuns: 1000 },
    );
    // Every kind of text was measured: table widths, other code points, surrogate pairs and lone halves.
    for (const [kind, n] of Object.entries(seen)) expect(n, kind).toBeGreaterThan(0);
  });

  it('labels of a fleet', () => {
    for (const s of ['dsa511', 'vm255', 'wq510.7', 'mdev4095', 'RID_PASID 0', 'on wq0.3', '0000:ef:03.0 rid 0xef18'])
      for (const bold of [false, true]) expect(textWidth(s, 13, bold)).toBe(reference(s, 13, bold));
  });
});
