/**
 * Text width estimate in px for the UI's sans-serif, without a DOM (layout must stay pure and
 * testable). Per-character classes of a typical humanist sans (DejaVu/Segoe/Helvetica), erring
 * wide so labels never overflow their box.
 */
const NARROW = new Set("iljtfrI.,:;!|' ()[]1");
const WIDE = new Set('mwMW@%');

export function textWidth(text: string, px: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (NARROW.has(ch)) em += 0.36;
    else if (WIDE.has(ch)) em += 0.92;
    else if (ch >= 'A' && ch <= 'Z') em += 0.7;
    else if (ch === '_') em += 0.55;
    else em += 0.62;
  }
  return em * px * (bold ? 1.14 : 1);
}
