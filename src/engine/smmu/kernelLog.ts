/**
 * An SMMUv3 event as today's kernel logs it (arm-smmu-v3.c `arm_smmu_dump_raw_event` then
 * `arm_smmu_dump_event`, 6.14+): the event line, the four raw dwords, and the decoded line(s).
 * The model's StreamID is the requester ID; the SMMU is named as an ACPI/IORT platform device.
 */
import { encodeSmmuRecord, isTranslationFault, smmuEvent, SMMU_CLASS } from '../explain/smmuEvents.ts';
import { ridBdf, type FaultEvent, type FaultText } from '../iommu/faultEvent.ts';

export const SMMU_NAME = 'arm-smmu-v3.0.auto';

export function smmuFaultLines(ev: FaultEvent): string[] {
  const p = `arm-smmu-v3 ${SMMU_NAME}:`;
  const id = ev.reason;
  const raw = encodeSmmuRecord({
    id,
    sid: ev.sourceId,
    ssid: ev.pasid,
    read: ev.access === 'read',
    addr: ev.address,
    stage2: ev.stage2,
  });
  const ipa = ev.stage2?.ipa ?? 0n;
  const stage = ev.stage2 === undefined ? 's1' : 's2';
  const cls = SMMU_CLASS[ev.stage2?.cls ?? 2];
  const head = `${p} event: ${smmuEvent(id).text} client: 0000:${ridBdf(ev.sourceId)} sid: 0x${ev.sourceId.toString(16)} ssid: 0x${(ev.pasid ?? 0).toString(16)}`;
  return [
    `${p} event 0x${id.toString(16).padStart(2, '0')} received:`,
    ...raw.map((d) => `${p} \t0x${d.toString(16).padStart(16, '0')}`),
    ...(isTranslationFault(id)
      ? [
          `${head} iova: 0x${ev.address.toString(16)} ipa: 0x${ipa.toString(16)}`,
          `${p} unpriv data ${ev.access} ${stage} "${cls}" stag: 0x0`,
        ]
      : [head]),
  ];
}

/** SMMUv3's words for a recorded fault (iommu/faultTexts.ts): an event id is named as arm-smmu-v3.h does. */
export const smmuFaultText: FaultText = { reason: (code) => smmuEvent(code).text, kernelLog: smmuFaultLines };
