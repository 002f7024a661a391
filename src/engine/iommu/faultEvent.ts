/**
 * One recorded fault, as every IOMMU's kernel-log formatter reads it (describe.ts `kernelLog`; an engine
 * FaultRecord fits). Each vendor folder prints it as its Linux driver does (vtd/, smmu/, amd/ kernelLog.ts).
 */
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

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

/** `bb:dd.f` of a RID. */
export function ridBdf(rid: number): string {
  return `${hex2(rid >> 8)}:${hex2((rid >> 3) & 0x1f)}.${rid & 7}`;
}
