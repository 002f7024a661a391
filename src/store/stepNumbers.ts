/**
 * One step numbering for every view (header, Timeline, Compare, tours, the Markdown summary).
 *
 * Convention: the steps of a document's op log are counted from 1 in log order, refused steps
 * included (a refused step stays in the log; it changed nothing). "Step N" is the N-th command and
 * also the state after it; "step 0" is the start, before any command. The header's "step N/M" is
 * the cursor N over the M steps of the log, the Timeline's rows are numbered the same way, Compare
 * names a DMA by the same number, and the Markdown summary says "after step N of M".
 *
 * The headless runner's JSON lines carry a 0-based `step` index (MODEL.md, a fixed contract): a view
 * that shows a runner line converts it with `stepNumber`.
 */

/** The UI step number of the runner's 0-based line index. */
export function stepNumber(lineIndex: number): number {
  return lineIndex + 1;
}

/** The runner's 0-based line index of a UI step number. */
export function lineIndex(stepNo: number): number {
  return stepNo - 1;
}
