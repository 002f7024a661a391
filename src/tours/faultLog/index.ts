/** A recorded fault as the kernel of the state's IOMMU logs it: one line (VT-d, AMD-Vi) or several (SMMUv3). */
import type { EngineState } from '../../engine/index.ts';
import { amdFaultLines } from './amd.ts';
import type { FaultEvent } from './event.ts';
import { smmuFaultLines } from './smmu.ts';
import { vtdFaultLines } from './vtd.ts';

export type { FaultEvent } from './event.ts';

export function faultLogLines(state: EngineState, ev: FaultEvent): string[] {
  switch (state.platform.iommu) {
    case 'vtd':
      return vtdFaultLines(ev);
    case 'amd-vi':
      return amdFaultLines(state, ev);
    case 'smmuv3':
      return smmuFaultLines(ev);
  }
}
