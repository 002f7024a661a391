/**
 * The output form of a result (MODEL.md "Scenario file": addresses as lowercase hex with `0x`, byte
 * counts, PASIDs and iommufd ids as numbers). Ops answer typed values — addresses as bigints, requester
 * ids and fault codes as numbers — and this is the one place they become hex: the runner's lines
 * (modelLine.ts) and the `expect` checks read results through it, views format with `hex` themselves.
 * An op missing from FORMAT prints its result as it is (numbers, strings, ids: nothing to convert).
 */
import type { ResultOf } from '../commands.ts';
import { hex } from '../hex.ts';
import { modelStep, type ModelWalkStep } from '../iommu/steps.ts';
import type { DmaRecordedFault, DmaResult, DmaSilentFault, DmaTranslated } from '../ops/dma.ts';
import type { OpName } from './schema.ts';

/** A translated `dma` as printed: `pa` and the target's `gpa` in hex, MODEL.md's four fields per walk step. */
export type ModelDmaTranslated = Omit<DmaTranslated, 'pa' | 'target' | 'walk'> & {
  readonly pa: string;
  readonly target: { readonly vm: string; readonly gpa: string } | null;
  readonly walk: readonly ModelWalkStep[];
};
/** A recorded fault as printed: `reason` (and QEMU's `qemuReason`, SMMUv3's stage-2 `ipa`) in hex. */
export type ModelDmaRecordedFault = Omit<DmaRecordedFault, 'reason' | 'qemuReason' | 'stage2' | 'walk'> & {
  readonly reason: string;
  readonly qemuReason?: string;
  readonly stage2?: { readonly ipa: string; readonly class: string };
  readonly walk: readonly ModelWalkStep[];
};
export type ModelDmaSilentFault = Omit<DmaSilentFault, 'walk'> & { readonly walk: readonly ModelWalkStep[] };
/** A `dma` result as the runner prints it. */
export type ModelDmaResult = ModelDmaTranslated | ModelDmaRecordedFault | ModelDmaSilentFault;

/**
 * MODEL.md names a walk's page-table reads `pl5`…`pl1`, and `s1-…`/`s2-…` only in a nested walk. The
 * engine names a VT-d first-stage table's reads `s1-pl…` even outside nesting (a DMA domain, SVA), so
 * that views decode them in the first-stage format (docs/engine.md "Stages"); printed, a walk with no
 * second-stage read is not nested and its `s1-plN` reads are `plN`, as SMMUv3's and AMD-Vi's are.
 */
function printedWalk(walk: DmaResult['walk']): ModelWalkStep[] {
  const steps = walk.map(modelStep);
  if (steps.some((s) => s.structure.startsWith('s2-'))) return steps;
  return steps.map((s) => (s.structure.startsWith('s1-pl') ? { ...s, structure: s.structure.slice(3) } : s));
}

/** A `dma` result in MODEL.md's form. Spreads keep every key where the engine put it (the line's byte order). */
export function modelDma(r: DmaResult): ModelDmaResult {
  const walk = printedWalk(r.walk);
  if (r.outcome === 'translated')
    return {
      ...r,
      pa: hex(r.pa),
      target: r.target === null ? null : { ...r.target, gpa: hex(r.target.gpa) },
      walk,
    };
  if (r.recorded === false) return { ...r, walk };
  const { qemuReason, stage2 } = r;
  return {
    ...r,
    reason: hex(r.reason),
    ...(qemuReason === undefined ? {} : { qemuReason: hex(qemuReason) }),
    ...(stage2 === undefined ? {} : { stage2: { ...stage2, ipa: hex(stage2.ipa) } }),
    walk,
  } as ModelDmaRecordedFault;
}

/** The ops whose results hold values printed in hex, and how each is printed. */
const FORMAT = {
  addDevice: (r: ResultOf<'addDevice'>) => ({ ...r, rid: hex(r.rid) }),
  createVm: (r: ResultOf<'createVm'>) => ({ ...r, hpa: hex(r.hpa) }),
  ioasMap: (r: ResultOf<'ioasMap'>) => ({ ...r, iova: hex(r.iova) }),
  ioasCopy: (r: ResultOf<'ioasCopy'>) => ({ ...r, iova: hex(r.iova) }),
  guestTableAlloc: (r: ResultOf<'guestTableAlloc'>) => ({ ...r, root: hex(r.root) }),
  processAlloc: (r: ResultOf<'processAlloc'>) => ({ ...r, root: hex(r.root) }),
  dma: modelDma,
} satisfies { readonly [K in OpName]?: (r: ResultOf<K>) => object };

type Formatted = keyof typeof FORMAT;

/** The result of op `K` as the runner prints it. */
export type ModelResultOf<K extends OpName> = K extends Formatted ? ReturnType<(typeof FORMAT)[K]> : ResultOf<K>;

/**
 * The result of op `op` in its output form. One cast: TypeScript does not correlate a generic op with
 * its FORMAT entry (the table's `satisfies` above checks each entry against its op's result).
 */
export function modelResult<K extends OpName>(op: K, result: ResultOf<K>): ModelResultOf<K> {
  const format = (FORMAT as Partial<Record<OpName, (r: ResultOf<K>) => unknown>>)[op];
  return (format === undefined ? result : format(result)) as ModelResultOf<K>;
}
