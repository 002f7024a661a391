/**
 * Each IOMMU's words for a recorded fault (FaultText: its reason texts and kernel log lines), by kind.
 * Kept out of the descriptors (describe.ts), which the workbench's first paint needs, because they
 * carry every vendor's tables of fault reasons and events (explain/vtdReasons.ts, smmuEvents.ts,
 * amdEvents.ts: about 5 KiB of gzip), and only a fault's own views read them: the walk's outcome and
 * the fault log, which load on demand (issue 11: the workbench ≤ 180 KiB gzip of JS).
 */
import { amdFaultText } from '../amd/kernelLog.ts';
import { smmuFaultText } from '../smmu/kernelLog.ts';
import { vtdFaultText } from '../vtd/kernelLog.ts';
import type { FaultText } from './faultEvent.ts';
import type { IommuKind } from './types.ts';

const FAULT_TEXTS: { readonly [K in IommuKind]: FaultText } = {
  vtd: vtdFaultText,
  smmuv3: smmuFaultText,
  'amd-vi': amdFaultText,
};

export function faultTextOf(kind: IommuKind): FaultText {
  return FAULT_TEXTS[kind];
}
