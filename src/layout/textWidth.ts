/**
 * Text width estimate in px for the UI's sans-serif, without a DOM (layout must stay pure and
 * testable). Per-character classes of a typical humanist sans (DejaVu/Segoe/Helvetica), erring
 * wide so labels never overflow their box.
 */
const NARROW = new Set("iljtfrI.,:;!|' ()[]1");
const WIDE = new Set('mwMW@%');

/** One character's width in em (a code point). */
function emOf(ch: string): number {
  if (NARROW.has(ch)) return 0.36;
  if (WIDE.has(ch)) return 0.92;
  if (ch >= 'A' && ch <= 'Z') return 0.7;
  if (ch === '_') return 0.55;
  return 0.62;
}

/** The ASCII widths as a table: a fleet's layout measures ~20,000 labels (every other code point is 0.62 em). */
const ASCII_EM: readonly number[] = Array.from({ length: 128 }, (_, c) => emOf(String.fromCharCode(c)));

export function textWidth(text: string, px: number, bold = false): number {
  let em = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) em += ASCII_EM[c]!;
    else {
      // A surrogate pair is one character (one code point), as `for…of` reads it.
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) i++;
      }
      em += 0.62;
    }
  }
  return em * px * (bold ? 1.14 : 1);
}
