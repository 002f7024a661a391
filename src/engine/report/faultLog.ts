/**
 * A recorded fault as the kernel of the state's IOMMU logs it: one line (VT-d, AMD-Vi) or several (SMMUv3).
 * The words and layouts are each IOMMU's own (its descriptor's `describe.kernelLog`: vtd/, smmu/, amd/
 * kernelLog.ts); this only picks the state's IOMMU.
 */
import type { FaultEvent } from '../iommu/faultEvent.ts';
import { describeOf } from '../iommu/registry.ts';
import type { EngineState } from '../model.ts';

export type { FaultEvent } from '../iommu/faultEvent.ts';

export function faultLogLines(state: EngineState, ev: FaultEvent): string[] {
  return describeOf(state.platform.iommu).kernelLog(ev, state);
}
