/** Reading the `dma` op's result (MODEL.md) from the loosely typed value the store hands over. */
import type { WalkStep } from '../../engine/index.ts';

export interface WalkResult {
  readonly outcome: 'translated' | 'fault';
  readonly fault?: string;
  readonly reason?: string;
  readonly pa?: string;
  readonly pasid?: number;
  readonly domain?: string | null;
  readonly did?: number;
  readonly pageSize?: number;
  readonly iotlb?: 'hit' | 'miss';
  readonly target?: { readonly vm: string; readonly gpa: string } | null;
  readonly walk: readonly WalkStep[];
}

function isStep(v: unknown): v is WalkStep {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return (
    typeof s.structure === 'string' &&
    typeof s.index === 'number' &&
    typeof s.entryAddr === 'string' &&
    typeof s.entry === 'string'
  );
}

/** The result as a walk, or null when it is not a `dma` result. */
export function asWalkResult(result: Record<string, unknown> | null): WalkResult | null {
  if (result === null) return null;
  const { outcome, walk } = result;
  if ((outcome !== 'translated' && outcome !== 'fault') || !Array.isArray(walk) || !walk.every(isStep)) return null;
  return result as unknown as WalkResult;
}
