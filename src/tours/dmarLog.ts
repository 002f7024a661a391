/**
 * The line Linux's VT-d driver logs for a recorded DMA fault (drivers/iommu/intel/dmar.c,
 * dmar_fault_do_one, format of recent kernels), built from an engine `dma` result. Reason texts
 * are the kernel's dma_remap_fault_reasons / dma_remap_sm_fault_reasons for the codes the engine
 * reports. Approximate: the engine reports QEMU's codes (see docs/engine.md).
 */
import type { EngineState } from '../engine/index.ts';

const REASONS: Readonly<Record<number, string>> = {
  0x1: 'Present bit in root entry is clear',
  0x2: 'Present bit in context entry is clear',
  0x3: 'Invalid context entry',
  0x4: 'Access beyond MGAW',
  0x5: 'PTE Write access is not set',
  0x6: 'PTE Read access is not set',
  0x51: 'SM: Present bit in Directory Entry is clear',
  0x59: 'SM: Present bit in PASID Table Entry is clear',
  0x5b: 'SM: Invalid Scalable-Mode PASID Table Entry',
};

export interface DmaRequestLike {
  readonly device: string;
  readonly pasid?: number | undefined;
  readonly iova: string;
  readonly access: 'read' | 'write';
}

/** `DMAR: [DMA Read NO_PASID] Request device [6a:01.0] fault addr 0x1000 [fault reason 0x59] …`, or null for no fault. */
export function dmarFaultLine(state: EngineState, request: DmaRequestLike, result: Readonly<Record<string, unknown>>): string | null {
  if (result['outcome'] !== 'fault') return null;
  const mdev = state.mdevs.get(request.device);
  const device = state.devices.get(mdev ? mdev.parent : request.device);
  if (device === undefined) return null;
  const rid = device.rid;
  const bdf = `${hex2(rid >> 8)}:${hex2((rid >> 3) & 0x1f)}.${rid & 7}`;
  // A request carries a PASID when it was given one or comes from an mdev's WQ; otherwise the
  // fault record has no PASID and the kernel prints NO_PASID.
  const pasid = typeof result['pasid'] === 'number' ? result['pasid'] : 0;
  const hasPasid = request.pasid !== undefined || mdev !== undefined;
  const kind = `${request.access === 'read' ? 'DMA Read' : 'DMA Write'} ${hasPasid ? `PASID 0x${pasid.toString(16)}` : 'NO_PASID'}`;
  const page = BigInt(request.iova) & ~0xfffn;
  const code = typeof result['reason'] === 'string' ? Number.parseInt(result['reason'], 16) : NaN;
  const reason = REASONS[code] ?? 'Unknown';
  return `DMAR: [${kind}] Request device [${bdf}] fault addr 0x${page.toString(16)} [fault reason 0x${hex2(code)}] ${reason}`;
}

const hex2 = (n: number) => (Number.isFinite(n) ? n.toString(16).padStart(2, '0') : '??');
