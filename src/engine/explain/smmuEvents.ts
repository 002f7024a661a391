/**
 * Arm SMMUv3 event records, one table for the log formatter and the explainer. Ids and names are
 * drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.h `EVT_ID_*` / arm-smmu-v3.c `event_str`; record
 * fields are `arm_smmu_decode_event` (EVTQ_0_ID 7:0, SSV 11, SSID 31:12, SID 63:32; EVTQ_1 PnU 33,
 * InD 34, RnW 35, S2 39, CLASS 41:40; EVTQ_2 input address), SMMUv3 specification §7.3.
 */
import type { CodeInfo, FaultStructure } from './types.ts';
import type { FaultName } from '../scenario/schema.ts';

export { SMMU_CLASS } from './smmuClass.ts';

type Row = readonly [string, FaultStructure | null, FaultName | null, string];

const EVENTS: Readonly<Record<number, Row>> = {
  0x01: [
    'F_UUT',
    null,
    null,
    'an unsupported upstream transaction type (for example an atomic the SMMU does not support)',
  ],
  0x02: [
    'C_BAD_STREAMID',
    'ste',
    'no-context',
    'the StreamID is beyond the stream table, or its level-1 descriptor is not valid: no stream table entry exists for this device (not described to the SMMU by firmware: iommu-map/IORT, or never probed)',
  ],
  0x03: ['F_STE_FETCH', 'ste', null, 'the SMMU could not fetch the stream table entry (bus error)'],
  0x04: [
    'C_BAD_STE',
    'ste',
    'no-context',
    'the stream table entry is not valid (V clear) or its configuration is illegal: the device is not attached, or the driver wrote a bad STE',
  ],
  0x05: ['F_BAD_ATS_TREQ', 'ste', null, 'an ATS translation request the STE does not allow'],
  0x06: [
    'F_STREAM_DISABLED',
    'ste',
    null,
    'a transaction for a stream the STE marks disabled, or a stream without substreams that sent a SubstreamID',
  ],
  0x07: [
    'F_TRANSL_FORBIDDEN',
    'ste',
    null,
    'an ATS-translated transaction on a stream that forbids them (bypass or EATS off)',
  ],
  0x08: [
    'C_BAD_SUBSTREAMID',
    'ste',
    'no-pasid',
    "the SubstreamID (PASID) is beyond the stream's context-descriptor table (S1CDMax), or the stream has no substreams: a PASID the driver never set up for this device",
  ],
  0x09: ['F_CD_FETCH', 'cd', null, 'the SMMU could not fetch the context descriptor (bus error)'],
  0x0a: [
    'C_BAD_CD',
    'cd',
    'no-pasid',
    'the context descriptor for this SubstreamID is not valid (V clear) or illegal: the PASID is not attached (or was detached while the device still used it)',
  ],
  0x0b: [
    'F_WALK_EABT',
    'page-table',
    null,
    'an external abort while reading a translation table: tables freed while in use, or a bus error',
  ],
  0x10: [
    'F_TRANSLATION',
    'page-table',
    'not-mapped',
    'no valid translation for the input address: the driver never mapped it or already unmapped it (DMA after unmap, a stale descriptor, a bad address such as 0x0), or an MSI doorbell not mapped for the device',
  ],
  0x11: [
    'F_ADDR_SIZE',
    'page-table',
    'beyond-width',
    'the address is beyond the input or output size of the translation: a corrupted DMA address or a domain narrower than the device uses',
  ],
  0x12: ['F_ACCESS', 'page-table', null, 'the access flag of the descriptor is clear and the SMMU does not update it'],
  0x13: [
    'F_PERMISSION',
    'page-table',
    null,
    'the page is mapped but does not grant the access: a write to a read-only mapping (DMA_TO_DEVICE), a privileged or execute access the page forbids',
  ],
  0x20: [
    'F_TLB_CONFLICT',
    null,
    null,
    'conflicting TLB entries (overlapping mappings of different sizes, break-before-make not followed)',
  ],
  0x21: [
    'F_CFG_CONFLICT',
    null,
    null,
    'conflicting configuration cache entries (an STE or CD changed without invalidation)',
  ],
  0x24: ['E_PAGE_REQUEST', null, null, 'a page request (stall or PRI) the SMMU forwarded'],
  0x25: ['F_VMS_FETCH', null, null, 'the SMMU could not fetch the virtual machine structure'],
};

/** Event ids whose record carries RnW and an input address that faulted. */
export function isTranslationFault(id: number): boolean {
  return id >= 0x10 && id <= 0x13;
}

/** Structure, fault and meaning of an SMMUv3 event id; F_PERMISSION picks write/read from RnW. */
export function smmuEvent(id: number, access: 'read' | 'write' | null = null): CodeInfo {
  const row = EVENTS[id];
  if (row === undefined)
    return {
      text: 'UNKNOWN',
      structure: null,
      fault: null,
      meaning: `event 0x${id.toString(16)} is not one the kernel names`,
    };
  const fault = id === 0x13 && access !== null ? (access === 'write' ? 'write-denied' : 'read-denied') : row[2];
  return { text: row[0], structure: row[1], fault, meaning: row[3] };
}

/** The id of an event name (`F_TRANSLATION` → 0x10), or null. */
export function smmuEventId(name: string): number | null {
  for (const [id, row] of Object.entries(EVENTS)) if (row[0] === name) return Number(id);
  return null;
}

export interface SmmuRecord {
  readonly id: number;
  readonly sid: number;
  readonly ssid: number | null;
  readonly read: boolean;
  readonly privileged: boolean;
  readonly s2: boolean;
  readonly cls: number;
  readonly addr: bigint;
  /** EVTQ_3_IPA (51:12): the IPA of a stage-2 fault. */
  readonly ipa: bigint;
}

/** Decode the four event-queue dwords as arm_smmu_decode_event does. */
export function decodeSmmuRecord(raw: readonly bigint[]): SmmuRecord {
  const [d0 = 0n, d1 = 0n, d2 = 0n, d3 = 0n] = raw;
  const bit = (v: bigint, n: number) => ((v >> BigInt(n)) & 1n) === 1n;
  return {
    id: Number(d0 & 0xffn),
    sid: Number(d0 >> 32n),
    ssid: bit(d0, 11) ? Number((d0 >> 12n) & 0xfffffn) : null,
    read: bit(d1, 35),
    privileged: bit(d1, 33),
    s2: bit(d1, 39),
    cls: Number((d1 >> 40n) & 3n),
    addr: d2,
    ipa: d3 & 0xffffffffff000n,
  };
}

/** The four dwords of an event record (the inverse of decodeSmmuRecord for the fields we model). */
export function encodeSmmuRecord(r: {
  id: number;
  sid: number;
  ssid: number | null;
  read: boolean;
  addr: bigint;
  /** A stage-2 fault: S2 = 1, its CLASS and the IPA (dword 3). */
  stage2?: { readonly ipa: bigint; readonly cls: number } | undefined;
}): bigint[] {
  const d0 = (BigInt(r.sid) << 32n) | (r.ssid === null ? 0n : (BigInt(r.ssid) << 12n) | (1n << 11n)) | BigInt(r.id);
  // CLASS (0b10, the input address, unless a stage-2 fault names its fetch), S2 and RnW for translation faults.
  const cls = BigInt(r.stage2?.cls ?? 2);
  const d1 = isTranslationFault(r.id)
    ? (cls << 40n) | (r.stage2 === undefined ? 0n : 1n << 39n) | (r.read ? 1n << 35n : 0n)
    : 0n;
  // C_BAD_STREAMID records carry no input address (real records show dword 2 zero); the others
  // record the address of the transaction that met the bad configuration.
  return [d0, d1, r.id === 0x02 ? 0n : r.addr, r.stage2 === undefined ? 0n : r.stage2.ipa & 0xffffffffff000n];
}
