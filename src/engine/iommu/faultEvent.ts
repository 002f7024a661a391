/**
 * One recorded fault, as every IOMMU's kernel-log formatter reads it (FaultText `kernelLog`; an engine
 * FaultRecord fits). Each vendor folder prints it as its Linux driver does (vtd/, smmu/, amd/ kernelLog.ts).
 */
import type { EngineState } from '../model.ts';

export interface FaultEvent {
  readonly device: string; // the requester's id in the model (pdev, parent or mdev)
  readonly sourceId: number; // RID: bus << 8 | devfn
  readonly pasid: number | null;
  readonly address: bigint;
  readonly access: 'read' | 'write';
  readonly reason: number; // VT-d reason code, AMD-Vi event type or SMMUv3 event id
  readonly fault: string;
  /** SMMUv3: a stage-2 fault's IPA and CLASS. */
  readonly stage2?: { readonly ipa: bigint; readonly cls: number } | undefined;
}

/**
 * An IOMMU's words for a recorded fault: what its kernel prints for a reason or event code, and the
 * lines its Linux driver logs. Apart from describe.ts on purpose (faultTexts.ts says why).
 */
export interface FaultText {
  /** What the kernel prints for a fault reason or event code this IOMMU records (`SM: Present bit in Root Entry is clear`, `C_BAD_STE`). */
  reason(code: number): string;
  /**
   * A recorded fault as this IOMMU's Linux driver logs it: VT-d's `DMAR: [DMA Read …]` line, SMMUv3's event
   * dump, AMD-Vi's `Event logged [IO_PAGE_FAULT …]` (which names the device's driver and DomainID: `state`).
   */
  kernelLog(ev: FaultEvent, state: EngineState): string[];
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

/** `bb:dd.f` of a RID. */
export function ridBdf(rid: number): string {
  return `${hex2(rid >> 8)}:${hex2((rid >> 3) & 0x1f)}.${rid & 7}`;
}
