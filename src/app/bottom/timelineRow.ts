/**
 * One Timeline row as data (pure): its step number (src/store/stepNumbers.ts: from 1, row 0 is the
 * start), its text, where it sits relative to the cursor, and the refusal a step carries (a loaded
 * file keeps a step the engine refused: its line is ok:false, and the state after it is the one before).
 */
import type { Step } from '../../engine/index.ts';
import type { KeptLine } from '../../store/history.ts';
import { argsOf } from './describe.ts';

export interface TimelineRow {
  readonly n: number;
  readonly text: string;
  readonly when: 'past' | 'current' | 'future';
  readonly refused: { readonly code: string; readonly message: string } | null;
}

/** Row `n` (0 = start, n = the n-th step) of a log with `steps`/`lines` and the cursor at `cursor`. */
export function timelineRow(
  n: number,
  steps: readonly Step[],
  lines: readonly KeptLine[],
  cursor: number,
): TimelineRow {
  const when = n === cursor ? 'current' : n < cursor ? 'past' : 'future';
  if (n === 0) return { n, text: 'start', when, refused: null };
  const step = steps[n - 1];
  const line = lines[n - 1];
  const refused =
    line !== undefined && !line.ok ? { code: line.error?.code ?? 'error', message: line.error?.message ?? '' } : null;
  return { n, text: step ? `${step.op} ${argsOf(step)}` : '', when, refused };
}

/** The step numbers of every refused step (for the count and the jump list). */
export function refusedSteps(lines: readonly KeptLine[]): number[] {
  const out: number[] = [];
  lines.forEach((l, i) => {
    if (!l.ok) out.push(i + 1);
  });
  return out;
}
