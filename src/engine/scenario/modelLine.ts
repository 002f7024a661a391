/**
 * The runner's line exactly as MODEL.md prints it: a `dma` result's `walk` lists each read as
 * `{structure, index, entryAddr, entry}`. The engine's steps carry more (the decision at each read,
 * its stage and level: iommu/steps.ts) for views and exports; the runner leaves that out.
 */
import { modelStep, type ModelWalkStep } from '../iommu/steps.ts';
import type { StepLine } from './expect.ts';

function isStepList(v: unknown): v is readonly ModelWalkStep[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'object' && s !== null && 'structure' in s);
}

export function modelLine(line: StepLine): StepLine {
  const walk = line.result?.['walk'];
  if (line.result === undefined || !isStepList(walk)) return line;
  return { ...line, result: { ...line.result, walk: walk.map(modelStep) } };
}
