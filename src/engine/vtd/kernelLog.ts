/**
 * A VT-d fault as today's kernel logs it (drivers/iommu/intel/dmar.c `dmar_fault_do_one`, 5.11+):
 * `DMAR: [DMA Read NO_PASID] Request device [6a:01.0] fault addr 0x1000 [fault reason 0x59] SM: …`.
 */
import { vtdReasonText } from '../explain/vtdReasons.ts';
import { ridBdf, type FaultEvent, type FaultText } from '../iommu/faultEvent.ts';

export function vtdFaultLines(ev: FaultEvent): string[] {
  const kind = `${ev.access === 'read' ? 'DMA Read' : 'DMA Write'} ${ev.pasid === null ? 'NO_PASID' : `PASID 0x${ev.pasid.toString(16)}`}`;
  const code = ev.reason.toString(16).padStart(2, '0');
  return [
    `DMAR: [${kind}] Request device [${ridBdf(ev.sourceId)}] fault addr 0x${ev.address.toString(16)} [fault reason 0x${code}] ${vtdReasonText(ev.reason)}`,
  ];
}

/** VT-d's words for a recorded fault (iommu/faultTexts.ts). */
export const vtdFaultText: FaultText = { reason: vtdReasonText, kernelLog: vtdFaultLines };
