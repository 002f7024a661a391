/**
 * The kernel log of the fault an engine `dma` result records, in the words of the state's IOMMU
 * driver (each IOMMU's FaultText `kernelLog`, engine/iommu/faultTexts.ts: VT-d `DMAR: …`, AMD-Vi `… Event logged [IO_PAGE_FAULT …]`, SMMUv3
 * `event 0x10 received:` and its dump). Several lines are joined with newlines.
 */
import type { DmaResult, EngineState } from '../engine/index.ts';
import { faultLogLines } from '../engine/report/faultLog.ts';

export interface DmaRequestLike {
  readonly device: string;
  readonly pasid?: number | undefined;
  readonly iova: string;
  readonly access: 'read' | 'write';
}

/** The log text of a faulted `dma` (null when it translated or the device is gone). */
export function dmarFaultLine(state: EngineState, request: DmaRequestLike, result: DmaResult): string | null {
  if (result.outcome !== 'fault') return null;
  const mdev = state.mdevs.get(request.device);
  const device = state.devices.get(mdev ? mdev.parent : request.device);
  if (device === undefined) return null;
  // A request carries a PASID when it was given one or comes from an mdev's WQ; otherwise the
  // fault record has no PASID (NO_PASID).
  const hasPasid = request.pasid !== undefined || mdev !== undefined;
  // An unrecorded fault (an SMMUv3 abort STE) has no reason code.
  const code = result.reason ?? 0;
  return faultLogLines(state, {
    device: request.device,
    sourceId: device.rid,
    pasid: hasPasid ? result.pasid : null,
    address: BigInt(request.iova) & ~0xfffn,
    access: request.access,
    reason: code,
    fault: result.fault,
  }).join('\n');
}
