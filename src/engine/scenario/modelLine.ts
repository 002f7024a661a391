/**
 * The runner's line exactly as MODEL.md prints it: a `dma` result's `walk` lists each read as
 * `{structure, index, entryAddr, entry}`. The engine's steps carry more (the decision at each read,
 * its stage and level: iommu/steps.ts) for views and exports; the runner leaves that out.
 */
import { modelStep, type ModelWalkStep } from '../iommu/steps.ts';
import type { DmaResult } from '../ops/dma.ts';
import type { OkLine, StepLine } from './expect.ts';

/** A `dma` result as the runner prints it: MODEL.md's four fields per walk step. */
export type ModelDmaResult = DmaResult extends infer R
  ? R extends DmaResult
    ? Omit<R, 'walk'> & { readonly walk: readonly ModelWalkStep[] }
    : never
  : never;

/** A runner output line (MODEL.md "Runner"): every line as the engine answers it, a DMA's walk trimmed. */
export type ModelLine =
  | Exclude<StepLine, OkLine<'dma'>>
  | { readonly step: number; readonly op: 'dma'; readonly ok: true; readonly result: ModelDmaResult };

export function modelLine(line: StepLine): ModelLine {
  if (!line.ok || line.op !== 'dma') return line;
  return { ...line, result: { ...line.result, walk: line.result.walk.map(modelStep) } };
}
