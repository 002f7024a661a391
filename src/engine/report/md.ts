/** Small GitHub-Markdown helpers shared by the reports. */

/** Escape a table cell: pipes and newlines would break the row. */
export function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return String(value).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A GitHub-Markdown table; an empty body renders as an italic "none" line instead. */
export function table(head: readonly string[], rows: readonly (readonly (string | number | boolean | null | undefined)[])[], none = 'none'): string {
  if (rows.length === 0) return `_${none}_\n`;
  const line = (cells: readonly (string | number | boolean | null | undefined)[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(head), `| ${head.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n') + '\n';
}

/** `rw`, `r-`, `-w` from two flags. */
export function prot(read: boolean, write: boolean): string {
  return `${read ? 'r' : '-'}${write ? 'w' : '-'}`;
}
