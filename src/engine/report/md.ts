/** Small GitHub-Markdown helpers shared by the reports. */

/**
 * Markdown-escape text that may come from a user (ids, titles) for a heading or a paragraph: every
 * ASCII punctuation character that can start markup, HTML or an entity gets a backslash (CommonMark
 * §2.4: a backslash-escaped punctuation character is always literal), so `<img src=x onerror=…>`
 * reaches the reader as text, never as HTML, and `*`, `_`, `[` cannot restyle or link. Line breaks
 * become spaces (they would end the heading).
 */
export function inline(value: string): string {
  return value.replace(/\r\n?|\n/g, ' ').replace(/[\\`*_[\]<>&|~!#]/g, '\\$&');
}

/**
 * Escape a table cell. Cells mix user ids with the engine's own text (`context[0x8]`, `RID_PASID`), so
 * only what could break out is escaped: `<`, `>`, `&` (raw HTML, entities), `|` and line breaks (the
 * row), `\` (a forged escape). The file stays readable as plain text.
 */
export function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return String(value)
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\|<>&]/g, '\\$&');
}

/** A level-`depth` heading whose text is `text` (escaped: a title is user text). */
export function heading(depth: number, text: string): string {
  return `${'#'.repeat(depth)} ${inline(text)}`;
}

/** A GitHub-Markdown table; an empty body renders as an italic "none" line instead. */
export function table(
  head: readonly string[],
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
  none = 'none',
): string {
  if (rows.length === 0) return `_${none}_\n`;
  const line = (cells: readonly (string | number | boolean | null | undefined)[]) =>
    `| ${cells.map(cell).join(' | ')} |`;
  return [line(head), `| ${head.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n') + '\n';
}

/** `rw`, `r-`, `-w` from two flags. */
export function prot(read: boolean, write: boolean): string {
  return `${read ? 'r' : '-'}${write ? 'w' : '-'}`;
}
