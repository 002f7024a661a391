/**
 * Decoding the other back-ends' raw entries into named fields (reference/iommu.md §5): Arm SMMUv3
 * (L1 stream-table descriptor, STE, L1 CD descriptor, CD, Arm LPAE stage-1 descriptors) and AMD-Vi
 * in v2 mode (DTE, GCR3 entries, x86-64 page-table entries). Pure; masks come from smmu/layout.ts and
 * amd/layout.ts. `bits` are absolute within the entry (qword n starts at bit 64·n).
 */
import {
  CD_EPD1,
  CD_T0SZ_MASK,
  CD_V,
  CTXDESC_SPLIT,
  LPAE_AF,
  LPAE_AP_RDONLY,
  LPAE_AP_UNPRIV,
  LPAE_NG,
  LPAE_S2AP_R,
  LPAE_S2AP_W,
  LPAE_SH_IS,
  LPAE_TABLE_OR_PAGE,
  LPAE_VALID,
  STE_CFG,
  STE_CFG_SHIFT,
  STE_S1CDMAX_SHIFT_HI,
  STE_S1DSS_MASK,
  STE_S1FMT_SHIFT,
  STE_V,
  STRTAB_SPLIT,
} from '../smmu/layout.ts';
import {
  DTE_DOMID_MASK,
  DTE_GIOV_HI,
  DTE_GLX_SHIFT_HI,
  DTE_GV_HI,
  DTE_IR_HI,
  DTE_IW_HI,
  DTE_TV,
  DTE_V,
  dteGcr3,
} from '../amd/layout.ts';
import type { IommuKind } from '../iommu/types.ts';
import type { Platform } from '../model.ts';
import type { DecodedField } from './fields.ts';

/**
 * How to decode a platform's entries: its IommuKind (iommu/types.ts, the one vocabulary of IOMMU kinds),
 * or `amd-vi-v1` for AMD-Vi with v1 (host) page tables (platform.pageTable "v1"), whose levels decode as v1
 * entries. Only the entry decoder needs the distinction; everything else takes an IommuKind.
 */
export type DecodeKind = IommuKind | 'amd-vi-v1';

/** The decoder flavour of a platform. */
export function decodeKindOf(
  platform: Pick<Platform, 'iommu'> & { readonly pageTable?: Platform['pageTable'] },
): DecodeKind {
  return platform.iommu === 'amd-vi' && platform.pageTable === 'v1' ? 'amd-vi-v1' : platform.iommu;
}

const hexOf = (v: bigint | number): string => '0x' + v.toString(16);
const qword = (v: bigint, n: number): bigint => (v >> BigInt(64 * n)) & 0xffff_ffff_ffff_ffffn;
const word32 = (v: bigint, n: number): number => Number((v >> BigInt(32 * n)) & 0xffff_ffffn);
const bitSet = (v: bigint, bit: number): boolean => ((v >> BigInt(bit)) & 1n) === 1n;
const field = (v: bigint, hi: number, lo: number): bigint => (v >> BigInt(lo)) & ((1n << BigInt(hi - lo + 1)) - 1n);
const bitOf = (mask: number): number => 31 - Math.clz32(mask & -mask);
const range = (hi: number, lo: number): string => (hi === lo ? `${hi}` : `${hi}:${lo}`);

function flagBit(v: bigint, bit: number, name: string, on: string, off: string): DecodedField {
  const set = bitSet(v, bit);
  return { name, bits: `${bit}`, value: set ? 1 : 0, meaning: set ? on : off };
}

/** An address held in bits hi:lo of the entry, kept at its own bit position (low bits zero). */
function addrField(v: bigint, hi: number, lo: number, name: string, meaning: (a: string) => string): DecodedField {
  const a = hexOf(field(v, hi, lo) << BigInt(lo));
  return { name, bits: range(hi, lo), value: a, meaning: meaning(a) };
}

// ---- Arm SMMUv3 -------------------------------------------------------------------------------

const CFG_NAME: Record<number, string> = {
  [STE_CFG.ABORT]: 'abort (every transaction faults)',
  [STE_CFG.BYPASS]: 'bypass (no translation)',
  [STE_CFG.S1_TRANS]: 'stage 1 only',
  [STE_CFG.S2_TRANS]: 'stage 2 only',
  [STE_CFG.NESTED]: 'nested (stage 1 + stage 2)',
};
const S1FMT_NAME: Record<number, string> = {
  0: 'linear CD table',
  1: 'two-level, 4 KiB leaf tables',
  2: 'two-level, 64 KiB leaf tables (1,024 CDs)',
};
const S1DSS_NAME: Record<number, string> = {
  0: 'terminate untagged traffic',
  1: 'bypass untagged traffic',
  2: 'untagged traffic uses CD 0 (SSID 0)',
  3: 'reserved',
};

/** Name of an STE Config value. */
export function steConfigName(cfg: number): string {
  return CFG_NAME[cfg] ?? `reserved (${cfg})`;
}

function decodeSteL1(v: bigint): DecodedField[] {
  const span = Number(field(v, 4, 0));
  return [
    {
      name: 'SPAN',
      bits: '4:0',
      value: span,
      meaning: span === 0 ? 'invalid: no L2 table for this bus' : `L2 table of 2^(SPAN-1) = ${2 ** (span - 1)} STEs`,
    },
    addrField(v, 51, 6, 'L2Ptr', (a) =>
      span === 0 ? 'unused' : `L2 stream table at ${a} (indexed by StreamID[${STRTAB_SPLIT - 1}:0])`,
    ),
  ];
}

function decodeSte(v: bigint): DecodedField[] {
  const q0 = qword(v, 0);
  const cfg = Number(field(q0, 3, STE_CFG_SHIFT));
  const fmt = Number(field(q0, 5, STE_S1FMT_SHIFT));
  const cdMax = Number(field(q0, 63, 32 + STE_S1CDMAX_SHIFT_HI));
  const dss = Number(qword(v, 1) & BigInt(STE_S1DSS_MASK));
  const s1 = cfg === STE_CFG.S1_TRANS || cfg === STE_CFG.NESTED;
  const s2 = cfg === STE_CFG.S2_TRANS || cfg === STE_CFG.NESTED;
  const nested = cfg === STE_CFG.NESTED;
  const eats = Number(field(qword(v, 1), 29, 28));
  const fields: DecodedField[] = [
    flagBit(q0, bitOf(STE_V), 'V', 'valid', 'not valid: transactions from this StreamID fault (C_BAD_STE)'),
    { name: 'Config', bits: '3:1', value: cfg, meaning: steConfigName(cfg) },
    { name: 'S1Fmt', bits: '5:4', value: fmt, meaning: s1 ? (S1FMT_NAME[fmt] ?? 'reserved') : 'unused (no stage 1)' },
    addrField(q0, 51, 6, 'S1ContextPtr', (a) =>
      !s1
        ? 'unused (no stage 1)'
        : nested
          ? `the guest's CD table at IPA ${a} (read through stage 2)`
          : `CD table at ${a}`,
    ),
    {
      name: 'S1CDMax',
      bits: '63:59',
      value: cdMax,
      meaning: s1 ? `2^${cdMax} = ${2 ** cdMax} context descriptors (SSIDs)` : 'unused',
    },
    { name: 'S1DSS', bits: '65:64', value: dss, meaning: s1 ? (S1DSS_NAME[dss] ?? '?') : 'unused (no stage 1)' },
    {
      name: 'EATS',
      bits: '93:92',
      value: eats,
      meaning:
        eats === 0 ? 'ATS translation requests refused' : 'ATS translation requests answered (the device has an ATC)',
    },
  ];
  if (!s2) return fields;
  // Stage-2 fields (arm_smmu_make_s2_domain_ste): S2VMID, VTCR.T0SZ/SL0, S2TTB.
  const q2 = qword(v, 2);
  const vmid = Number(field(q2, 15, 0));
  const t0sz = Number(field(q2, 37, 32));
  const sl0 = Number(field(q2, 39, 38));
  return [
    ...fields,
    { name: 'S2VMID', bits: '143:128', value: vmid, meaning: `VMID ${vmid} (tags stage-2 and nested TLB entries)` },
    { name: 'S2T0SZ', bits: '165:160', value: t0sz, meaning: `stage-2 input (IPA) width ${64 - t0sz} bits` },
    { name: 'S2SL0', bits: '167:166', value: sl0, meaning: `walk starts at Arm level ${2 - sl0}` },
    { ...addrField(qword(v, 3), 51, 4, 'S2TTB', (a) => `stage-2 table at ${a}`), bits: '243:196' },
  ];
}

/** Arm LPAE stage-2 descriptor (4 KiB granule): S2AP grants read (bit 6) and write (bit 7) apart. */
function decodeLpaeS2(v: bigint, level: number): DecodedField[] {
  const q = qword(v, 0);
  const valid = bitSet(q, bitOf(LPAE_VALID));
  const tp = bitSet(q, bitOf(LPAE_TABLE_OR_PAGE));
  const armLevel = 4 - level;
  const kind = !valid ? 'invalid' : level === 1 ? (tp ? 'page' : 'reserved') : tp ? 'table' : 'block';
  const leaf = kind === 'page' || kind === 'block';
  const a = hexOf(field(q, 47, 12) << 12n);
  const size = level === 1 ? '4KiB' : level === 2 ? '2MiB' : '1GiB';
  const fields: DecodedField[] = [
    flagBit(q, 0, 'Valid', 'valid', `invalid: stage-2 translation fault at Arm level ${armLevel}`),
    { name: 'Type', bits: '1', value: tp ? 1 : 0, meaning: `${kind} descriptor (stage 2, Arm L${armLevel})` },
  ];
  if (leaf)
    fields.push(
      flagBit(q, bitOf(LPAE_S2AP_R), 'S2AP[0]', 'reads allowed', 'reads denied (F_PERMISSION)'),
      flagBit(q, bitOf(LPAE_S2AP_W), 'S2AP[1]', 'writes allowed', 'writes denied (F_PERMISSION)'),
      flagBit(q, bitOf(LPAE_AF), 'AF', 'access flag set', 'access flag clear (access faults)'),
    );
  fields.push({
    name: 'OA',
    bits: '47:12',
    value: a,
    meaning: !valid
      ? 'not valid'
      : leaf
        ? `${kind}: ${size} at PA ${a}`
        : `next stage-2 table (Arm L${armLevel + 1}) at ${a}`,
  });
  return fields;
}

function decodeCdL1(v: bigint): DecodedField[] {
  return [
    flagBit(v, 0, 'V', 'valid', `not valid: these ${2 ** CTXDESC_SPLIT} SSIDs have no CD table`),
    addrField(v, 51, 12, 'L2Ptr', (a) => `L2 CD table (${2 ** CTXDESC_SPLIT} CDs) at ${a}`),
  ];
}

function decodeCd(v: bigint): DecodedField[] {
  const q0 = qword(v, 0);
  const t0sz = Number(q0 & BigInt(CD_T0SZ_MASK));
  const tg0 = Number(field(q0, 15, 14));
  const asid = Number(field(q0, 63, 48));
  const tg0Name: Record<number, string> = { 0: '4 KiB granule', 1: '64 KiB granule', 2: '16 KiB granule' };
  return [
    flagBit(q0, bitOf(CD_V), 'V', 'valid', 'not valid: this SSID faults (C_BAD_CD)'),
    {
      name: 'T0SZ',
      bits: '5:0',
      value: t0sz,
      meaning: `input address width ${64 - t0sz} bits (TTB0 covers 0…2^${64 - t0sz})`,
    },
    { name: 'TG0', bits: '15:14', value: tg0, meaning: tg0Name[tg0] ?? 'reserved' },
    flagBit(q0, bitOf(CD_EPD1), 'EPD1', 'TTB1 walks disabled (upper half faults)', 'TTB1 walks enabled'),
    { name: 'ASID', bits: '63:48', value: asid, meaning: `ASID ${asid} (tags TLB entries, as VT-d's DID)` },
    addrField(qword(v, 1), 51, 4, 'TTB0', (a) => `stage-1 table (level 0) at ${a}`),
  ].map((f) => (f.name === 'TTB0' ? { ...f, bits: '115:68' } : f));
}

/** Arm LPAE stage-1 descriptor (4 KiB granule). `level` in walk terms: pl4 = Arm L0 … pl1 = Arm L3. */
function decodeLpae(v: bigint, level: number): DecodedField[] {
  const q = qword(v, 0);
  const valid = bitSet(q, bitOf(LPAE_VALID));
  const tp = bitSet(q, bitOf(LPAE_TABLE_OR_PAGE));
  const armLevel = 4 - level;
  const kind = !valid ? 'invalid' : level === 1 ? (tp ? 'page' : 'reserved') : tp ? 'table' : 'block';
  const size = level === 1 ? '4KiB' : level === 2 ? '2MiB' : '1GiB';
  const leaf = kind === 'page' || kind === 'block';
  const a = hexOf(field(q, 47, 12) << 12n);
  const fields: DecodedField[] = [
    flagBit(q, 0, 'Valid', 'valid', `invalid: translation fault at Arm level ${armLevel}`),
    { name: 'Type', bits: '1', value: tp ? 1 : 0, meaning: `${kind} descriptor (Arm L${armLevel})` },
  ];
  if (leaf) {
    const sh = Number(field(q, 9, 8));
    fields.push(
      flagBit(q, bitOf(LPAE_AP_RDONLY), 'AP[2]', 'read-only', 'read/write'),
      flagBit(q, bitOf(LPAE_AP_UNPRIV), 'AP[1]', 'unprivileged (EL0) access allowed', 'privileged only'),
      flagBit(q, bitOf(LPAE_AF), 'AF', 'access flag set', 'access flag clear (access faults)'),
      {
        name: 'SH',
        bits: '9:8',
        value: sh,
        meaning:
          sh === LPAE_SH_IS >>> 8
            ? 'inner shareable'
            : sh === 2
              ? 'outer shareable'
              : sh === 0
                ? 'non-shareable'
                : 'reserved',
      },
      flagBit(q, bitOf(LPAE_NG), 'nG', 'not global (tagged with the ASID)', 'global'),
    );
  }
  fields.push({
    name: 'OA',
    bits: '47:12',
    value: a,
    meaning: !valid ? 'not valid' : leaf ? `${kind}: ${size} at ${a}` : `next table (Arm L${armLevel + 1}) at ${a}`,
  });
  return fields;
}

// ---- AMD-Vi ----------------------------------------------------------------------------------

function decodeDte(v: bigint): DecodedField[] {
  const q0 = qword(v, 0);
  const w1 = word32(v, 1);
  const glx = (w1 >>> DTE_GLX_SHIFT_HI) & 0b11;
  const gv = (w1 & DTE_GV_HI) !== 0;
  const gcr3 = hexOf(dteGcr3(w1, word32(v, 2), word32(v, 3)));
  const domId = word32(v, 2) & DTE_DOMID_MASK;
  const mode = Number(field(q0, 11, 9));
  const hostRoot = hexOf(field(q0, 51, 12) << 12n);
  return [
    flagBit(q0, bitOf(DTE_V), 'V', 'valid', 'not valid: this DeviceID faults'),
    flagBit(q0, bitOf(DTE_TV), 'TV', 'translation information valid', 'no translation information'),
    flagBit(
      q0,
      32 + bitOf(DTE_GIOV_HI),
      'GIoV',
      'untagged requests use GCR3[0] (PASID 0)',
      'untagged requests use the v1 table',
    ),
    flagBit(q0, 32 + bitOf(DTE_GV_HI), 'GV', 'guest (v2) translation valid', 'no guest (v2) translation'),
    { name: 'GLX', bits: '57:56', value: glx, meaning: `${glx + 1}-level GCR3 table (${9 * (glx + 1)} PASID bits)` },
    {
      name: 'GuestPagingMode',
      bits: '183:182',
      value: (word32(v, 5) >>> 22) & 0b11,
      meaning: ((word32(v, 5) >>> 22) & 0b11) === 1 ? '5-level guest (v2) tables' : '4-level guest (v2) tables',
    },
    {
      name: 'GCR3 root',
      bits: '60:58, 95:80, 127:107',
      value: gcr3,
      meaning: !gv ? 'unused (GV = 0)' : mode !== 0 ? `the guest's GCR3 table at GPA ${gcr3}` : `GCR3 table at ${gcr3}`,
    },
    flagBit(q0, 32 + bitOf(DTE_IR_HI), 'IR', 'reads allowed', 'reads denied'),
    flagBit(q0, 32 + bitOf(DTE_IW_HI), 'IW', 'writes allowed', 'writes denied'),
    {
      name: 'Mode',
      bits: '11:9',
      value: mode,
      meaning: mode === 0 ? 'no v1 (host) translation' : `${mode}-level v1 host page table`,
    },
    {
      name: 'Host root',
      bits: '51:12',
      value: hostRoot,
      meaning: mode === 0 ? 'unused (Mode = 0)' : `v1 page table at ${hostRoot}`,
    },
    { name: 'DomainID', bits: '79:64', value: domId, meaning: `DomainID ${domId} (tags this device's IOTLB entries)` },
    flagBit(v, 96, 'I', 'IOTLB enabled: the device may cache translations (ATS)', 'no ATS translation caching'),
  ];
}

const V1_SIZE: Record<number, string> = { 1: '4KiB', 2: '2MiB', 3: '1GiB' };

/** AMD v1 (host) entries: PR, NextLevel (0 = page), address, IR, IW. */
function decodeAmdV1(v: bigint, level: number): DecodedField[] {
  const q = qword(v, 0);
  const present = bitSet(q, 0);
  const nl = Number(field(q, 11, 9));
  const leaf = level === 1 || nl === 0;
  const a = hexOf(field(q, 51, 12) << 12n);
  return [
    flagBit(q, 0, 'PR', 'present', 'not present'),
    {
      name: 'NextLevel',
      bits: '11:9',
      value: nl,
      meaning: !present
        ? '—'
        : leaf
          ? `0: this entry maps a ${V1_SIZE[level] ?? ''} page`
          : `the next table is level ${nl}`,
    },
    {
      name: 'ADDR',
      bits: '51:12',
      value: a,
      meaning: !present ? 'not present' : leaf ? `page at ${a}` : `next table at ${a}`,
    },
    flagBit(q, 60, 'FC', 'force coherent (set on every page the driver maps)', 'not force coherent'),
    flagBit(q, 61, 'IR', 'reads allowed', 'reads denied'),
    flagBit(q, 62, 'IW', 'writes allowed', 'writes denied'),
  ];
}

/** A GCR3 entry: the leaf (level 0) holds a guest CR3; levels 1 and 2 point at the next level's table. */
function decodeGcr3(v: bigint, level: number): DecodedField[] {
  return [
    flagBit(v, 0, 'V', 'valid', 'not valid: this PASID faults'),
    addrField(v, 51, 12, level === 0 ? 'GCR3' : 'Table', (a) =>
      level === 0
        ? `guest CR3: x86-64 (v2) table root at ${a}`
        : level === 1
          ? `GCR3 leaf table (512 PASIDs) at ${a}`
          : `GCR3 level-1 table (512 × 512 PASIDs) at ${a}`,
    ),
  ];
}

const X86_SIZE: Record<number, string> = { 1: '4KiB', 2: '2MiB', 3: '1GiB' };

function decodeX86(v: bigint, level: number): DecodedField[] {
  const q = qword(v, 0);
  const present = bitSet(q, 0);
  const leaf = level === 1 || bitSet(q, 7);
  const a = hexOf(field(q, 51, 12) << 12n);
  const fields: DecodedField[] = [
    flagBit(q, 0, 'P', 'present', 'not present'),
    flagBit(q, 1, 'R/W', 'writable', 'read-only'),
    flagBit(q, 2, 'U/S', 'user accessible', 'supervisor only'),
    flagBit(q, 5, 'A', 'accessed', 'not accessed'),
    flagBit(q, 6, 'D', 'dirty', 'clean'),
  ];
  if (level > 1)
    fields.push(
      flagBit(q, 7, 'PS', `large page: ${X86_SIZE[level] ?? ''} leaf`, present ? 'points to the next table' : '—'),
    );
  fields.push({
    name: 'ADDR',
    bits: '51:12',
    value: a,
    meaning: !present ? 'not present' : leaf ? `leaf: ${X86_SIZE[level] ?? ''} page at ${a}` : `next table at ${a}`,
  });
  return fields;
}

/** Vendor structures this module decodes (whatever the platform says). */
const VENDOR: ReadonlySet<string> = new Set(['ste-l1', 'ste', 'cd-l1', 'cd', 'dte', 'gcr3-l2', 'gcr3-l1', 'gcr3']);

/**
 * Named fields of a vendor entry, or null when the structure is VT-d's (or a VT-d page level).
 * Page levels (`plN`) decode as Arm LPAE on smmuv3 and x86-64 on amd-vi.
 */
export function decodeVendorEntry(
  structure: string,
  v: bigint,
  iommu: DecodeKind | undefined,
  level: number | null,
): DecodedField[] | null {
  if (VENDOR.has(structure)) {
    switch (structure) {
      case 'ste-l1':
        return decodeSteL1(v);
      case 'ste':
        return decodeSte(v);
      case 'cd-l1':
        return decodeCdL1(v);
      case 'cd':
        return decodeCd(v);
      case 'dte':
        return decodeDte(v);
      case 'gcr3-l2':
        return decodeGcr3(v, 2);
      case 'gcr3-l1':
        return decodeGcr3(v, 1);
      default:
        return decodeGcr3(v, 0);
    }
  }
  // SMMUv3 nested walks: the guest's stage-1 levels and the stage-2 reads that translate them.
  if (level !== null && iommu === 'smmuv3' && /^s1-pl[1-5]$/.test(structure)) return decodeLpae(v, level);
  if (level !== null && iommu === 'smmuv3' && /^s2-pl[1-5]$/.test(structure)) return decodeLpaeS2(v, level);
  // AMD-Vi nested walks: the guest's v2 (x86-64) levels over the host's v1 levels.
  if (level !== null && iommu?.startsWith('amd-vi') && /^s1-pl[1-5]$/.test(structure)) return decodeX86(v, level);
  if (level !== null && iommu?.startsWith('amd-vi') && /^s2-pl[1-5]$/.test(structure)) return decodeAmdV1(v, level);
  if (level !== null && /^pl[1-5]$/.test(structure)) {
    if (iommu === 'smmuv3') return decodeLpae(v, level);
    // A v2-mode device whose RID holds a v1 table (a NEST_PARENT domain) walks v1 entries: they carry
    // IR/IW (bits 62:61) on every present entry, which the driver never sets in an x86-64 entry.
    if (iommu === 'amd-vi') return (qword(v, 0) >> 61n) & 3n ? decodeAmdV1(v, level) : decodeX86(v, level);
    if (iommu === 'amd-vi-v1') return decodeAmdV1(v, level);
  }
  return null;
}

/** Which value of a decoded list a walk step follows next, for the decision line. */
export function vendorDecision(structure: string, fields: readonly DecodedField[]): string | null {
  const val = (n: string) => String(fields.find((f) => f.name === n)?.value ?? '?');
  switch (structure) {
    case 'ste-l1':
      return `valid → L2 stream table at ${val('L2Ptr')}`;
    case 'ste': {
      const cfg = Number(val('Config'));
      if (cfg === STE_CFG.S2_TRANS)
        return `${steConfigName(cfg)}, VMID ${val('S2VMID')} → stage-2 table at ${val('S2TTB')}`;
      if (cfg === STE_CFG.NESTED)
        return `${steConfigName(cfg)}, VMID ${val('S2VMID')} → the guest's CD table at IPA ${val('S1ContextPtr')}, stage 2 at ${val('S2TTB')}`;
      return `${steConfigName(cfg)} → CD table at ${val('S1ContextPtr')}`;
    }
    case 'cd-l1':
      return `valid → L2 CD table at ${val('L2Ptr')}`;
    case 'cd':
      return `ASID ${val('ASID')}, ${fields.find((f) => f.name === 'T0SZ')?.meaning ?? ''} → stage-1 table at ${val('TTB0')}`;
    case 'dte': {
      const mode = Number(val('Mode'));
      const gv = fields.find((f) => f.name === 'GV')?.value === 1;
      if (mode !== 0 && gv)
        return `DomainID ${val('DomainID')} → the guest's GCR3 table at GPA ${val('GCR3 root')}, over the ${mode}-level host table at ${val('Host root')}`;
      if (mode !== 0) return `DomainID ${val('DomainID')} → ${mode}-level v1 host table at ${val('Host root')}`;
      if (!gv) return `DomainID ${val('DomainID')}: no translation (IR/IW decide)`;
      return `DomainID ${val('DomainID')} → GCR3 table at ${val('GCR3 root')}`;
    }
    case 'gcr3-l2':
      return `valid → GCR3 level-1 table at ${val('Table')}`;
    case 'gcr3-l1':
      return `valid → GCR3 leaf table at ${val('Table')}`;
    case 'gcr3':
      return `valid → x86-64 table at ${val('GCR3')}`;
    default:
      return null;
  }
}
