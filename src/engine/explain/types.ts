/**
 * What the explainer says about one IOMMU fault event of a kernel log (MODEL.md "Explaining kernel
 * fault lines"). The first ten fields are the contract; the rest feed the workbench table.
 */
import type { IommuKind } from '../iommu/types.ts';
import type { FaultName } from '../scenario/schema.ts';

/** The platform's kind (iommu/types.ts): the `iommu` field prints `"vtd"`, `"amd-vi"` or `"smmuv3"` (MODEL.md). */
export type { IommuKind };
export type FaultStructure = 'root' | 'context' | 'pasid-dir' | 'pasid-table' | 'page-table' | 'dte' | 'ste' | 'cd';

/** The explanation of one code or event: the same for the log formatter and the explainer. */
export interface CodeInfo {
  /** What the kernel prints for it (VT-d reason text, AMD-Vi event name, SMMUv3 event name). */
  readonly text: string;
  readonly structure: FaultStructure | null;
  readonly fault: FaultName | null;
  /** Plain words: what the hardware found and the usual causes. */
  readonly meaning: string;
}

export interface ExplainedFault {
  readonly line: number;
  readonly iommu: IommuKind;
  readonly device: string;
  readonly pasid: number | null;
  readonly addr: string;
  readonly access: 'read' | 'write' | null;
  readonly reason: string;
  readonly meaning: string;
  readonly structure: FaultStructure | null;
  readonly fault: FaultName | null;
  /** The kernel's words for the reason or event. */
  readonly text: string;
  /** Decoded flag or record bits worth showing (AMD-Vi flags, SMMUv3 StreamID/class). */
  readonly details: readonly string[];
  /** Last line the event used (dump lines, a continuation line). */
  readonly endLine: number;
}

/** MODEL.md's fields, in its order: what `npm run -s explain` prints. */
export function modelFields(f: ExplainedFault) {
  const { line, iommu, device, pasid, addr, access, reason, meaning, structure, fault } = f;
  return { line, iommu, device, pasid, addr, access, reason, meaning, structure, fault };
}
