/**
 * A recorded fault as the kernel of the state's IOMMU logs it: one line (VT-d, AMD-Vi) or several (SMMUv3).
 * The words and layouts are each IOMMU's own (its FaultText's `kernelLog`: vtd/, smmu/, amd/
 * kernelLog.ts); this only picks the state's IOMMU.
 */
import type { FaultEvent } from '../iommu/faultEvent.ts';
import { faultTextOf } from '../iommu/faultTexts.ts';
import type { EngineState } from '../model.ts';

export type { FaultEvent } from '../iommu/faultEvent.ts';

export function faultLogLines(state: EngineState, ev: FaultEvent): string[] {
  return faultTextOf(state.platform.iommu).kernelLog(ev, state);
}
