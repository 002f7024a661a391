/** Tour text markup: `[[term]]` or `[[term|shown text]]` links a glossary term; `` `code` `` is code. */
export type Segment =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'term'; readonly term: string; readonly text: string }
  | { readonly kind: 'code'; readonly text: string };

const TOKEN = /\[\[([^\]|]+)(?:\|([^\]]+))?\]\]|`([^`]+)`/g;

/** Split a tour text into plain, term and code segments. */
export function parseMarkup(text: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index;
    if (at > last) out.push({ kind: 'text', text: text.slice(last, at) });
    if (m[3] !== undefined) out.push({ kind: 'code', text: m[3] });
    else out.push({ kind: 'term', term: m[1]!.trim(), text: (m[2] ?? m[1]!).trim() });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

/** Every term a text marks. */
export function markedTerms(text: string): string[] {
  return parseMarkup(text).flatMap((s) => (s.kind === 'term' ? [s.term] : []));
}

/** The text as a reader sees it (markup removed). */
export function plainText(text: string): string {
  return parseMarkup(text)
    .map((s) => s.text)
    .join('');
}
