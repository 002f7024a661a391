/**
 * Decoding raw VT-d scalable-mode entries into named fields, and splitting an input address (and
 * PASID) into the indices the hardware walk uses. Pure: views show these lists, they never pick bits.
 * Layouts: VT-d spec §9 (reference/iommu.md §3.1–3.6); the masks come from vtd/layout.ts.
 */
import {
  ADDR_HI_MASK,
  ADDR_LO_MASK,
  CTX_DTE,
  CTX_PASIDE,
  CTX_PDTS_MASK,
  CTX_PRE,
  CTX_RID_PASID_MASK,
  FPD,
  P,
  PASID_BITS_MAX,
  PASID_PDE_SHIFT,
  PASID_TABLE_MASK,
  PE_AW_MASK,
  PE_DID_MASK,
  PE_EAFE,
  PE_FLPM_SHIFT,
  PE_PGSNP,
  PE_PGTT_MASK,
  PE_PWSNP,
  PE_SRE,
  PE_SSADE,
  PE_WPE,
  PGTT,
  SL_PS,
  SL_R,
  SL_SNP,
  SL_W,
} from '../vtd/layout.ts';
import { decodeVendorEntry, vendorDecision, type DecodeKind } from './decodeVendor.ts';
import type { AddressField, DecodedField } from './fields.ts';
import { levelLabel } from './strips.ts';
import type { IommuKind } from '../iommu/types.ts';

export type { AddressField, DecodedField } from './fields.ts';

export { decodeKindOf, steConfigName, type DecodeKind } from './decodeVendor.ts';
export { decomposePasid, decomposeRequester, levelLabel } from './strips.ts';

/** What the raw bits alone cannot say: the requester's devfn picks a root-entry half. */
export interface DecodeContext {
  readonly devfn?: number;
}

const ADDR_MASK = (BigInt(ADDR_HI_MASK) << 32n) | BigInt(ADDR_LO_MASK);
const FLPM_MASK = 0b11 << PE_FLPM_SHIFT;
/** Pointer fields span bits 63:12 of their qword; the value is read from 51:12 (host address width). */
const POINTER_FIELD = 0xffff_ffff_ffff_f000n;

/** "hi:lo" (or "n") of a contiguous mask, offset by the qword it lives in. */
function bitsOf(mask: number | bigint, qword = 0): string {
  const m = BigInt(mask);
  let lo = 0;
  while (((m >> BigInt(lo)) & 1n) === 0n) lo++;
  let hi = lo;
  while (((m >> BigInt(hi + 1)) & 1n) === 1n) hi++;
  const base = qword * 64;
  return hi === lo ? `${base + lo}` : `${base + hi}:${base + lo}`;
}

function extract(v: bigint, mask: number | bigint): bigint {
  const m = BigInt(mask);
  let shift = 0n;
  while (((m >> shift) & 1n) === 0n && shift < 64n) shift++;
  return (v & m) >> shift;
}

function qword(v: bigint, n: number): bigint {
  return (v >> BigInt(64 * n)) & 0xffff_ffff_ffff_ffffn;
}

const hexOf = (v: bigint): string => '0x' + v.toString(16);

function flag(q: bigint, mask: number, qw: number, name: string, on: string, off: string): DecodedField {
  const set = (q & BigInt(mask)) !== 0n;
  return { name, bits: bitsOf(mask, qw), value: set ? 1 : 0, meaning: set ? on : off };
}

function pointer(q: bigint, qw: number, name: string, meaning: (addr: string) => string): DecodedField {
  const addr = hexOf(q & ADDR_MASK);
  return { name, bits: bitsOf(POINTER_FIELD, qw), value: addr, meaning: meaning(addr) };
}

function decodeRoot(v: bigint, ctx: DecodeContext | undefined): DecodedField[] {
  const lo = qword(v, 0);
  const hi = qword(v, 1);
  const used = ctx?.devfn === undefined ? '' : ctx.devfn >= 0x80 ? ' (upper half used)' : ' (lower half used)';
  return [
    flag(lo, P, 0, 'LP', 'lower context table present', 'lower context table not present'),
    pointer(
      lo,
      0,
      'LCTP',
      (a) => `context table for devfn 0–127 at ${a}${ctx?.devfn !== undefined && ctx.devfn < 0x80 ? used : ''}`,
    ),
    flag(hi, P, 1, 'UP', 'upper context table present', 'upper context table not present'),
    pointer(
      hi,
      1,
      'UCTP',
      (a) => `context table for devfn 128–255 at ${a}${ctx?.devfn !== undefined && ctx.devfn >= 0x80 ? used : ''}`,
    ),
  ];
}

function decodeContext(v: bigint): DecodedField[] {
  const lo = qword(v, 0);
  const pdts = Number(extract(lo, CTX_PDTS_MASK));
  const ridPasid = Number(extract(qword(v, 1), CTX_RID_PASID_MASK));
  return [
    flag(lo, P, 0, 'P', 'present', 'not present: DMA from this RID faults'),
    flag(lo, FPD, 0, 'FPD', 'fault recording disabled', 'faults are recorded'),
    flag(lo, CTX_DTE, 0, 'DTE', 'device-TLB (ATS) enabled', 'no device-TLB'),
    flag(lo, CTX_PASIDE, 0, 'PASIDE', 'PASID-tagged requests allowed', 'PASID-tagged requests refused'),
    flag(lo, CTX_PRE, 0, 'PRE', 'page requests allowed', 'no page requests'),
    {
      name: 'PDTS',
      bits: bitsOf(CTX_PDTS_MASK),
      value: pdts,
      meaning: `PASID directory has 2^(PDTS+7) = ${2 ** (pdts + 7)} entries`,
    },
    pointer(lo, 0, 'PASIDDIRPTR', (a) => `PASID directory at ${a}`),
    {
      name: 'RID_PASID',
      bits: bitsOf(CTX_RID_PASID_MASK, 1),
      value: ridPasid,
      meaning: `requests without a PASID use PASID ${ridPasid}`,
    },
  ];
}

function decodePasidDir(v: bigint): DecodedField[] {
  const lo = qword(v, 0);
  return [
    flag(lo, P, 0, 'P', 'present', 'not present: these 64 PASIDs have no table'),
    flag(lo, FPD, 0, 'FPD', 'fault recording disabled', 'faults are recorded'),
    pointer(lo, 0, 'PTPTR', (a) => `PASID table (64 entries) at ${a}`),
  ];
}

const AW_WIDTH: Record<number, string> = { 1: '39-bit, 3-level', 2: '48-bit, 4-level', 3: '57-bit, 5-level' };
const PGTT_NAME: Record<number, string> = {
  [PGTT.FIRST_ONLY]: 'first-stage only',
  [PGTT.SECOND_ONLY]: 'second-stage only',
  [PGTT.NESTED]: 'nested',
  [PGTT.PASS_THROUGH]: 'pass-through',
};

/** Name of a PASID-entry translation type (PGTT). */
export function pgttName(pgtt: number): string {
  return PGTT_NAME[pgtt] ?? `invalid (${pgtt})`;
}

function decodePasidEntry(v: bigint): DecodedField[] {
  const q0 = qword(v, 0);
  const q1 = qword(v, 1);
  const q2 = qword(v, 2);
  const aw = Number(extract(q0, PE_AW_MASK));
  const pgtt = Number(extract(q0, PE_PGTT_MASK));
  const did = Number(extract(q1, PE_DID_MASK));
  const flpm = Number(extract(q2, FLPM_MASK));
  return [
    flag(q0, P, 0, 'P', 'present', 'not present: DMA with this PASID faults'),
    flag(q0, FPD, 0, 'FPD', 'fault recording disabled', 'faults are recorded'),
    { name: 'AW', bits: bitsOf(PE_AW_MASK), value: aw, meaning: AW_WIDTH[aw] ?? 'invalid width' },
    { name: 'PGTT', bits: bitsOf(PE_PGTT_MASK), value: pgtt, meaning: PGTT_NAME[pgtt] ?? 'invalid translation type' },
    flag(q0, PE_SSADE, 0, 'SSADE', 'second-stage access/dirty tracking on', 'no A/D tracking'),
    pointer(q0, 0, 'SSPTPTR', (a) => `second-stage root table at ${a}`),
    { name: 'DID', bits: bitsOf(PE_DID_MASK, 1), value: did, meaning: `domain id ${did} (tags IOTLB entries)` },
    flag(q1, PE_PWSNP, 1, 'PWSNP', 'page walks snoop caches', 'page walks not snooped'),
    flag(q1, PE_PGSNP, 1, 'PGSNP', 'page accesses snoop caches', 'page snoop per entry'),
    flag(q2, PE_SRE, 2, 'SRE', 'supervisor requests allowed', 'user requests only'),
    {
      name: 'FLPM',
      bits: bitsOf(FLPM_MASK, 2),
      value: flpm,
      meaning: flpm === 1 ? '5-level first stage' : '4-level first stage',
    },
    flag(q2, PE_WPE, 2, 'WPE', 'write protect enforced', 'no write protect'),
    flag(q2, PE_EAFE, 2, 'EAFE', 'extended access flag on', 'no extended access flag'),
    pointer(q2, 2, 'FSPTPTR', (a) =>
      pgtt === PGTT.FIRST_ONLY || pgtt === PGTT.NESTED ? `first-stage root at ${a}` : 'unused (no first stage)',
    ),
  ];
}

function decodePte(v: bigint, level: number): DecodedField[] {
  const q = qword(v, 0);
  const leaf = level === 1 || (q & BigInt(SL_PS)) !== 0n;
  const present = (q & BigInt(SL_R | SL_W)) !== 0n;
  const size = level === 1 ? '4KiB' : level === 2 ? '2MiB' : level === 3 ? '1GiB' : `${level}-level`;
  const fields: DecodedField[] = [
    flag(q, SL_R, 0, 'R', 'read allowed', 'no read'),
    flag(q, SL_W, 0, 'W', 'write allowed', 'no write'),
  ];
  if (level > 1)
    fields.push(
      flag(q, SL_PS, 0, 'PS', `large page: this entry maps a ${size} page`, present ? 'points to the next table' : '—'),
    );
  fields.push(flag(q, SL_SNP, 0, 'SNP', 'snooped', 'not forced snoop'));
  const addr = hexOf(q & ADDR_MASK);
  fields.push({
    name: 'ADDR',
    bits: bitsOf(ADDR_MASK),
    value: addr,
    meaning: !present
      ? 'not present (neither R nor W)'
      : leaf
        ? `leaf: ${size} page at ${addr}`
        : `next table (level ${level - 1}) at ${addr}`,
  });
  return fields;
}

// First-stage entries use the x86-64 (IA-32e) format (reference/iommu.md §3.6); layout.ts has no
// first-stage constants yet, so the few bits shown here are named locally.
const FS_P = 1 << 0;
const FS_RW = 1 << 1;
const FS_US = 1 << 2;
const FS_A = 1 << 5;
const FS_D = 1 << 6;
const FS_PS = 1 << 7;
const FS_XD = 1n << 63n;

function decodeFirstStage(v: bigint, level: number): DecodedField[] {
  const q = qword(v, 0);
  const present = (q & BigInt(FS_P)) !== 0n;
  const leaf = level === 1 || (q & BigInt(FS_PS)) !== 0n;
  const addr = hexOf(q & ADDR_MASK);
  const fields: DecodedField[] = [
    flag(q, FS_P, 0, 'P', 'present', 'not present'),
    flag(q, FS_RW, 0, 'R/W', 'writable', 'read-only'),
    flag(q, FS_US, 0, 'U/S', 'user accessible', 'supervisor only'),
    flag(q, FS_A, 0, 'A', 'accessed', 'not accessed'),
    flag(q, FS_D, 0, 'D', 'dirty', 'clean'),
  ];
  if (level > 1) fields.push(flag(q, FS_PS, 0, 'PS', 'large page', present ? 'points to the next table' : '—'));
  fields.push({
    name: 'XD',
    bits: '63',
    value: (q & FS_XD) !== 0n ? 1 : 0,
    meaning: (q & FS_XD) !== 0n ? 'execute disabled' : 'executable',
  });
  fields.push({
    name: 'ADDR',
    bits: bitsOf(ADDR_MASK),
    value: addr,
    meaning: !present
      ? 'not present'
      : leaf
        ? `leaf: page at ${addr} (a GPA under nesting)`
        : `next table at ${addr} (a GPA under nesting)`,
  });
  return fields;
}

/** Page-table level of a walk structure name (`pl4` → 4, `s2-pl3` → 3), or null. */
export function levelOf(structure: string): number | null {
  const m = /pl([1-5])$/.exec(structure);
  return m ? Number(m[1]) : null;
}

/**
 * Named fields of a raw entry, given the walk's structure name (`root`, `context`, `pasid-dir`,
 * `pasid-table`, `pl5`…`pl1`) and the entry (a bigint, or hex; qword 0 in the low bits).
 */
export function decodeEntry(
  structure: string,
  entry: bigint | string,
  context?: DecodeContext,
  iommu?: DecodeKind,
): DecodedField[] {
  const v = BigInt(entry);
  const vendor = decodeVendorEntry(structure, v, iommu, levelOf(structure));
  if (vendor !== null) return vendor;
  switch (structure) {
    case 'root':
      return decodeRoot(v, context);
    case 'context':
      return decodeContext(v);
    case 'pasid-dir':
      return decodePasidDir(v);
    case 'pasid-table':
      return decodePasidEntry(v);
    default: {
      const level = levelOf(structure);
      if (level === null)
        return [{ name: 'raw', bits: '63:0', value: `0x${v.toString(16)}`, meaning: 'no decoder for this structure' }];
      return structure.startsWith('s1-') ? decodeFirstStage(v, level) : decodePte(v, level);
    }
  }
}

const LEVEL_BITS = 9;
const PAGE_SHIFT = 12;

/**
 * Split an input address into its second-stage indices (`pl5`…`pl1`, 9 bits each above the 12-bit
 * offset) and the bits above the width, and a PASID into directory (PASID[19:6]) and table
 * (PASID[5:0]) indices. Fields are listed high bits first; a null PASID gives no PASID fields.
 */
export function decomposeAddress(iova: string, pasid: number | null, levels: 3 | 4 | 5): AddressField[] {
  const a = BigInt(iova);
  const out: AddressField[] = [];
  if (pasid !== null) {
    out.push(
      {
        id: 'pasid-dir',
        group: 'pasid',
        label: 'dir index',
        hi: PASID_BITS_MAX - 1,
        lo: PASID_PDE_SHIFT,
        bits: `${PASID_BITS_MAX - 1}:${PASID_PDE_SHIFT}`,
        value: pasid >>> PASID_PDE_SHIFT,
      },
      {
        id: 'pasid-table',
        group: 'pasid',
        label: 'table index',
        hi: PASID_PDE_SHIFT - 1,
        lo: 0,
        bits: `${PASID_PDE_SHIFT - 1}:0`,
        value: pasid & PASID_TABLE_MASK,
      },
    );
  }
  const width = PAGE_SHIFT + LEVEL_BITS * levels;
  out.push({
    id: 'above',
    group: 'address',
    label: 'above width',
    hi: 63,
    lo: width,
    bits: `63:${width}`,
    value: hexOf(a >> BigInt(width)),
  });
  for (let level = levels; level >= 1; level--) {
    const lo = PAGE_SHIFT + LEVEL_BITS * (level - 1);
    const hi = lo + LEVEL_BITS - 1;
    out.push({
      id: `pl${level}`,
      group: 'address',
      label: `PL${level}`,
      hi,
      lo,
      bits: `${hi}:${lo}`,
      value: Number((a >> BigInt(lo)) & 0x1ffn),
    });
  }
  out.push({
    id: 'offset',
    group: 'address',
    label: 'offset',
    hi: PAGE_SHIFT - 1,
    lo: 0,
    bits: `${PAGE_SHIFT - 1}:0`,
    value: hexOf(a & 0xfffn),
  });
  return out;
}

/** The input address split into its page-table indices and offset, levels named as the IOMMU names them. */
export function addressStrip(iommu: IommuKind, iova: string, addressWidth: number): AddressField[] {
  return decomposeAddress(iova, null, levelsForWidth(addressWidth)).map((f) => {
    const m = /^pl([1-5])$/.exec(f.id);
    return m ? { ...f, label: levelLabel(iommu, Number(m[1])) } : f;
  });
}

/** The requester ID as the walk uses it: bus indexes the root table, devfn the context table. */
export function decomposeRid(rid: number): AddressField[] {
  const bus = rid >>> 8;
  const devfn = rid & 0xff;
  return [
    { id: 'root', group: 'rid', label: 'bus', hi: 15, lo: 8, bits: '15:8', value: '0x' + bus.toString(16) },
    {
      id: 'context',
      group: 'rid',
      label: `devfn (dev ${devfn >>> 3}, fn ${devfn & 7})`,
      hi: 7,
      lo: 0,
      bits: '7:0',
      value: '0x' + devfn.toString(16),
    },
  ];
}

/** Second-stage levels for an address width (39 → 3, 48 → 4, 57 → 5). */
export function levelsForWidth(width: number): 3 | 4 | 5 {
  return width <= 39 ? 3 : width <= 48 ? 4 : 5;
}

export type StepDecisionKind = 'next' | 'leaf' | 'fault' | 'hit';

export interface StepDecision {
  readonly kind: StepDecisionKind;
  readonly text: string;
}

/** The parts of a `dma` result a step's decision depends on. */
/** What stepDecision reads of a `dma` result (typed: the PA a bigint, the reason a number). */
export interface WalkOutcome {
  readonly outcome: string;
  readonly fault?: string;
  readonly reason?: number;
  readonly pa?: bigint;
  readonly iotlb?: string;
}

const paText = (r: WalkOutcome): string => (r.pa === undefined ? '?' : `0x${r.pa.toString(16)}`);

function valueOf(list: DecodedField[], name: string): string | number | undefined {
  return list.find((f) => f.name === name)?.value;
}

/**
 * What the hardware decided at one step of a walk: follow a pointer, stop at a leaf, stop on an IOTLB
 * hit (after the PASID entry), or fault (the last step of a faulting walk).
 */
export function stepDecision(
  structure: string,
  entry: bigint | string,
  isLast: boolean,
  result: WalkOutcome,
  devfn?: number,
  iommu?: DecodeKind,
): StepDecision {
  if (isLast && result.outcome === 'fault') {
    return {
      kind: 'fault',
      text: `fault: ${result.fault ?? 'unknown'}${result.reason !== undefined ? ` (reason 0x${result.reason.toString(16)})` : ''}`,
    };
  }
  const f = decodeEntry(structure, entry, devfn === undefined ? undefined : { devfn }, iommu);
  const vendor = vendorDecision(structure, f);
  if (vendor !== null) {
    if (isLast && result.iotlb === 'hit')
      return {
        kind: 'hit',
        text: `${vendor.replace(/ → .*$/, '')} → IOTLB hit: PA ${paText(result)}, page walk skipped`,
      };
    if (isLast) return { kind: 'leaf', text: `${vendor.replace(/ → .*$/, '')} → PA ${paText(result)}` };
    return { kind: 'next', text: vendor };
  }
  switch (structure) {
    case 'root': {
      const upper = devfn !== undefined && devfn >= 0x80;
      return { kind: 'next', text: `present → context table at ${String(valueOf(f, upper ? 'UCTP' : 'LCTP'))}` };
    }
    case 'context':
      return { kind: 'next', text: `present → PASID directory at ${String(valueOf(f, 'PASIDDIRPTR'))}` };
    case 'pasid-dir':
      return { kind: 'next', text: `present → PASID table at ${String(valueOf(f, 'PTPTR'))}` };
    case 'pasid-table': {
      const head = `present, DID ${String(valueOf(f, 'DID'))}, ${pgttName(Number(valueOf(f, 'PGTT')))}`;
      if (isLast && result.iotlb === 'hit')
        return { kind: 'hit', text: `${head} → IOTLB hit: PA ${paText(result)}, page walk skipped` };
      if (isLast) return { kind: 'leaf', text: `${head} → PA ${paText(result)}` };
      return { kind: 'next', text: `${head} → page table at ${String(valueOf(f, 'SSPTPTR'))}` };
    }
    default: {
      const addr = String(valueOf(f, 'ADDR') ?? valueOf(f, 'OA'));
      if (isLast) return { kind: 'leaf', text: `leaf: page at ${addr} → PA ${paText(result)}` };
      return { kind: 'next', text: `present → next table at ${addr}` };
    }
  }
}
