/**
 * Palette matching: every word of the query must be found in an item, as a word prefix of its title
 * (best), its keywords or summary, a substring, or (titles only) as letters in order, so "alldom"
 * finds allocDomain and "give host wq" finds the host recipe. camelCase counts as word breaks.
 * Higher scores first; ties keep the catalogue's order.
 */
import type { PaletteItem } from './paletteItems.ts';

/** Lowercase words of a text, camelCase split: "allocDomain type DMA" → alloc, domain, type, dma. */
export function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

function subsequence(needle: string, hay: string): boolean {
  let i = 0;
  for (const ch of hay) if (ch === needle[i]) i++;
  return i === needle.length;
}

function tokenScore(token: string, item: PaletteItem, titleWords: string[], otherWords: string[], all: string): number {
  const title = item.title.toLowerCase();
  if (title.startsWith(token)) return 12;
  if (titleWords.some((w) => w.startsWith(token))) return 8;
  if (item.keywords.some((k) => k.toLowerCase().startsWith(token))) return 6;
  if (otherWords.some((w) => w.startsWith(token))) return 4;
  if (all.includes(token)) return 2;
  if (token.length >= 3 && subsequence(token, title.replace(/[^a-z0-9]/g, ''))) return 1;
  return 0;
}

/** Items matching the query, best first; all items in order when the query is blank. */
export function matchItems(items: readonly PaletteItem[], query: string): PaletteItem[] {
  const tokens = query
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t !== '');
  if (tokens.length === 0) return [...items];
  const scored: { item: PaletteItem; score: number; order: number }[] = [];
  items.forEach((item, order) => {
    const titleWords = wordsOf(item.title);
    const otherWords = wordsOf(`${item.group} ${item.summary} ${item.keywords.join(' ')}`);
    const all = `${item.title} ${item.group} ${item.summary} ${item.keywords.join(' ')}`.toLowerCase();
    let score = 0;
    for (const t of tokens) {
      const s = tokenScore(t, item, titleWords, otherWords, all);
      if (s === 0) return;
      score += s;
    }
    scored.push({ item, score, order });
  });
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).map((x) => x.item);
}
