/**
 * SMMUv3 event records as arm-smmu-v3.c prints them: `arm-smmu-v3 <smmu>: event 0x10 received:`
 * followed by the four raw dwords (`\t0x%016llx`), and since 6.14 a decoded line
 * `event: F_TRANSLATION client: 0000:01:00.0 sid: 0x11 ssid: 0x0 iova: 0x9b0cc000 ipa: 0x0`
 * (`arm_smmu_dump_raw_event`, `arm_smmu_dump_event`; older kernels print the dwords with dev_info).
 * The dump lines may be interleaved with other messages; they are the next lines naming the same SMMU.
 */
import { decodeSmmuRecord, isTranslationFault, smmuEvent, smmuEventId, SMMU_CLASS } from './smmuEvents.ts';
import { hexOut, normalBdf } from './logText.ts';
import type { ExplainedFault } from './types.ts';

const RECEIVED = /(\S+): event (0x[0-9a-f]+) received:?/i;
const DWORD = /:\s+0x([0-9a-f]{16})\b|:\s+0x([0-9a-f]{8}) ([0-9a-f]{8})\b/i;
const DECODED = /: event: (\S+) client: (.+?) sid: (0x[0-9a-f]+) ssid: (0x[0-9a-f]+)(?: iova: (0x[0-9a-f]+))?/i;
const WINDOW = 12;

/** The SMMUv3 event starting at `lines[i]`, or null. */
export function smmuFaultAt(lines: readonly string[], i: number): ExplainedFault | null {
  const m = RECEIVED.exec(lines[i]!);
  if (!m) return null;
  const smmu = m[1]!;
  let id = Number.parseInt(m[2]!, 16);
  const raw: bigint[] = [];
  let client: string | null = null;
  let end = i;
  for (let j = i + 1; j < lines.length && j <= i + WINDOW; j++) {
    const l = lines[j]!;
    if (!l.includes(`${smmu}:`)) continue;
    if (RECEIVED.test(l)) break;
    const d = raw.length < 4 ? DWORD.exec(l) : null;
    if (d) {
      raw.push(BigInt('0x' + (d[1] ?? d[2]! + d[3]!)));
      end = j;
      continue;
    }
    const e = DECODED.exec(l);
    if (e) {
      client = e[2]!;
      id = smmuEventId(e[1]!) ?? id;
      end = j;
      break;
    }
  }
  const rec = raw.length >= 3 ? decodeSmmuRecord(raw) : null;
  const access = rec && isTranslationFault(id) ? (rec.read ? 'read' : 'write') : null;
  const info = smmuEvent(id, access);
  return {
    line: i + 1,
    iommu: 'smmuv3',
    device: (client === null ? null : normalBdf(client)) ?? smmu,
    pasid: rec?.ssid ?? null,
    addr: hexOut(rec?.addr ?? 0n),
    access,
    reason: hexOut(id),
    meaning: info.meaning,
    structure: info.structure,
    fault: info.fault,
    text: info.text,
    details: rec
      ? [
          `StreamID ${hexOut(rec.sid)}`,
          ...(isTranslationFault(id)
            ? [
                `${rec.privileged ? 'priv' : 'unpriv'} ${rec.s2 ? 's2' : 's1'} "${SMMU_CLASS[rec.cls]}"`,
                // A stage-2 fault records the IPA it met (EVTQ_3_IPA): where the guest's address went wrong in the host's stage 2.
                ...(rec.s2 ? [`stage 2 (S2 = 1): IPA ${hexOut(rec.ipa)}`] : []),
              ]
            : []),
          ...(client !== null && normalBdf(client) === null ? [`client ${client}`] : []),
        ]
      : ['no record dump follows: only the event id is known'],
    endLine: end + 1,
  };
}
