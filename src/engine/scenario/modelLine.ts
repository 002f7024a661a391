/**
 * The runner's line exactly as MODEL.md prints it: addresses and codes in hex (modelResult.ts), a
 * `dma` result's `walk` as `{structure, index, entryAddr, entry}` per read. The engine's steps carry
 * more (the decision at each read, its stage and level: iommu/steps.ts) for views and exports; the
 * runner leaves that out.
 */
import { modelResult, type ModelResultOf } from './modelResult.ts';
import type { RefusedLine, StepLine } from './expect.ts';
import type { OpName } from './schema.ts';

export type { ModelDmaResult } from './modelResult.ts';

/** An accepted step's line as printed: `line.op` narrows `line.result` to that op's output form. */
export type ModelOkLine<K extends OpName = OpName> = {
  [P in K]: { readonly step: number; readonly op: P; readonly ok: true; readonly result: ModelResultOf<P> };
}[K];

/** A runner output line (MODEL.md "Runner"). */
export type ModelLine = ModelOkLine | RefusedLine;

export function modelLine(line: StepLine): ModelLine {
  if (!line.ok) return line;
  // One cast, as in lineOf: the op and its result travel together through modelResult.
  return { ...line, result: modelResult(line.op, line.result) } as ModelOkLine;
}
