/**
 * The problems of a debugfs import, kept bounded (issue 9): a pasted file of 100,000 bad lines, or one
 * 10 MB line, must not be held or shown in full. The first `LISTED_PROBLEMS` are kept, each line's text
 * clipped to `SHOWN_LINE_CHARS`; the rest are only counted ("and N more").
 */

export interface ImportProblem {
  readonly line: number; // 1-based
  readonly text: string; // the line, clipped
  readonly message: string;
}

export const LISTED_PROBLEMS = 50;
export const SHOWN_LINE_CHARS = 200;
/** No line of either debugfs file is longer than about 170 characters; longer ones are refused unread. */
export const MAX_LINE_CHARS = 1000;

export function clipLine(text: string): string {
  return text.length > SHOWN_LINE_CHARS
    ? `${text.slice(0, SHOWN_LINE_CHARS)}… (${text.length.toLocaleString('en-US')} characters)`
    : text;
}

export class ProblemList {
  readonly listed: ImportProblem[] = [];
  count = 0;

  add(line: number, text: string, message: string): void {
    this.count++;
    if (this.listed.length < LISTED_PROBLEMS) this.listed.push({ line, text: clipLine(text), message });
  }
}
