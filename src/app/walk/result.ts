/**
 * The `dma` op's result as the walk views read it: the engine's own discriminated union (narrow on
 * `outcome`), so a view never probes fields of an untyped record.
 */
export type { DmaResult as WalkResult } from '../../engine/index.ts';
