/**
 * One colour per domain (and so per VM, whose GPA space is a domain), keyed by id so a domain keeps
 * its colour whatever else changes. Colours are accents (strokes, swatches); text stays on the
 * theme's foreground for contrast.
 */
const PALETTE = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#e377c2',
  '#8c564b',
  '#17becf',
  '#bcbd22',
  '#ff7f0e',
  '#7f7f7f',
] as const;

/** FNV-1a: a stable small hash (no Math.random, no insertion order). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The colour of a domain id (null: the neutral colour). */
export function colorOf(key: string | null): string {
  if (key === null) return 'var(--node-stroke)';
  return PALETTE[hash(key) % PALETTE.length] ?? PALETTE[0];
}
