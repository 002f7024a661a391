/**
 * Read-only dumps of the SMMUv3 and AMD-Vi per-device structures as they sit in simulated memory
 * (the counterparts of tables.ts's root/context/PASID dump): the L1 stream-table descriptor and STE,
 * then every valid L1 CD descriptor and CD (SMMUv3); the DTE, then every valid GCR3 entry (AMD-Vi).
 * Pure; everything is read from `state.memory.frames`.
 */
import { hex } from '../hex.ts';
import type { Device, EngineState } from '../model.ts';
import {
  CD_L1_DESC_SIZE,
  CD_SIZE,
  CD_V,
  CTXDESC_SPLIT,
  STE_CFG,
  STE_CFG_SHIFT,
  STE_S1CDMAX_SHIFT_HI,
  STE_S1FMT,
  STE_S1FMT_SHIFT,
  STE_SIZE,
  STE_V,
  STRTAB_L1_DESC_SIZE,
} from '../smmu/layout.ts';
import {
  DTE_DOMID_MASK,
  DTE_GLX_SHIFT_HI,
  DTE_GV_HI,
  DTE_SIZE,
  DTE_V,
  GCR3_ENTRY_SIZE,
  dteGcr3,
} from '../amd/layout.ts';
import { decodeEntry, type DecodedField } from './decode.ts';
import { nestedIpaToPa } from '../smmu/translate.ts';
import { readEntryHex as raw, readWord as word } from '../frames.ts';

type Frames = EngineState['memory']['frames'];

const ptr = (lo: number, hi: number, loMask: number) => (hi & 0xfffff) * 2 ** 32 + ((lo & loMask) >>> 0);

/** One entry read from memory, with its walk structure name and decoded fields. */
export interface VendorEntryRow {
  readonly structure: string;
  readonly index: number;
  readonly address: string;
  readonly raw: string;
  readonly present: boolean;
  readonly decoded: DecodedField[];
}

/** One PASID (SubstreamID) with a valid CD / GCR3 entry, and the entries read to reach it. */
export interface VendorPasidRow {
  readonly pasid: number;
  /** ASID (SMMUv3) or the device's DomainID (AMD-Vi). */
  readonly tag: number;
  /** Where the entry points: TTB0 / the v2 table root. */
  readonly table: string;
  readonly entry: VendorEntryRow;
}

export interface VendorDeviceDump {
  readonly device: string;
  readonly bdf: string;
  readonly rid: string;
  /** ste-l1 then ste (SMMUv3), or dte (AMD-Vi); stops at the first entry not present. */
  readonly path: readonly VendorEntryRow[];
  /** Valid L1 CD descriptors / GCR3 level-1 entries. */
  readonly level1: readonly VendorEntryRow[];
  readonly pasids: readonly VendorPasidRow[];
}

function row(
  frames: Frames,
  structure: string,
  index: number,
  addr: number,
  words: number,
  present: boolean,
  iommu: 'smmuv3' | 'amd-vi',
): VendorEntryRow {
  const r = raw(frames, addr, words);
  return {
    structure,
    index,
    address: hex(addr),
    raw: r,
    present,
    decoded: decodeEntry(structure, r, undefined, iommu),
  };
}

function dumpSmmu(state: EngineState, dev: Device): Omit<VendorDeviceDump, 'device' | 'bdf' | 'rid'> {
  const frames = state.memory.frames;
  const l1Addr = state.rootTable + dev.bus * STRTAB_L1_DESC_SIZE;
  const l1lo = word(frames, l1Addr, 0);
  const l1 = row(frames, 'ste-l1', dev.bus, l1Addr, 2, (l1lo & 0x1f) !== 0, 'smmuv3');
  if (!l1.present) return { path: [l1], level1: [], pasids: [] };
  const steAddr = ptr(l1lo, word(frames, l1Addr, 1), 0xffffffc0) + dev.devfn * STE_SIZE;
  const s0 = word(frames, steAddr, 0);
  const s1 = word(frames, steAddr, 1);
  const ste = row(frames, 'ste', dev.devfn, steAddr, 16, (s0 & STE_V) !== 0, 'smmuv3');
  const cfg = (s0 >>> STE_CFG_SHIFT) & 0b111;
  const nested = cfg === STE_CFG.NESTED;
  if (!ste.present || (cfg !== STE_CFG.S1_TRANS && !nested)) return { path: [l1, ste], level1: [], pasids: [] };
  let cdTable = ptr(s0, s1, 0xffffffc0);
  // A nested STE names the guest's CD table (and its L1 descriptors their leaves) by IPA: shown where stage 2 puts them.
  const steWords = Array.from({ length: 8 }, (_, i) => word(frames, steAddr, i));
  const toPa = (ipa: number): number | null => (nested ? nestedIpaToPa(frames, steWords, 0, ipa) : ipa);
  const tablePa = toPa(cdTable);
  if (tablePa === null) return { path: [l1, ste], level1: [], pasids: [] };
  cdTable = tablePa;
  const cdMax = s1 >>> STE_S1CDMAX_SHIFT_HI;
  const linear = ((s0 >>> STE_S1FMT_SHIFT) & 0b11) === STE_S1FMT.LINEAR;
  const level1: VendorEntryRow[] = [];
  const pasids: VendorPasidRow[] = [];
  const scan = (base: number, first: number, count: number) => {
    for (let i = 0; i < count; i++) {
      const a = base + i * CD_SIZE;
      const c0 = word(frames, a, 0);
      if ((c0 & CD_V) === 0) continue;
      const entry = row(frames, 'cd', i, a, 16, true, 'smmuv3');
      pasids.push({
        pasid: first + i,
        tag: word(frames, a, 1) >>> 16,
        table: hex(ptr(word(frames, a, 2), word(frames, a, 3), 0xfffffff0)),
        entry,
      });
    }
  };
  if (linear) scan(cdTable, 0, Math.min(2 ** cdMax, 1 << CTXDESC_SPLIT));
  else {
    const l1count = 2 ** Math.max(0, cdMax - CTXDESC_SPLIT);
    for (let i = 0; i < l1count; i++) {
      const a = cdTable + i * CD_L1_DESC_SIZE;
      const lo = word(frames, a, 0);
      if ((lo & 1) === 0) continue;
      level1.push(row(frames, 'cd-l1', i, a, 2, true, 'smmuv3'));
      const leaf = toPa(ptr(lo, word(frames, a, 1), 0xfffff000));
      if (leaf !== null) scan(leaf, i << CTXDESC_SPLIT, 1 << CTXDESC_SPLIT);
    }
  }
  return { path: [l1, ste], level1, pasids };
}

function dumpAmd(state: EngineState, dev: Device): Omit<VendorDeviceDump, 'device' | 'bdf' | 'rid'> {
  const frames = state.memory.frames;
  const dteAddr = state.rootTable + dev.rid * DTE_SIZE;
  const w0 = word(frames, dteAddr, 0);
  const w1 = word(frames, dteAddr, 1);
  const dte = row(frames, 'dte', dev.rid, dteAddr, 8, (w0 & DTE_V) !== 0, 'amd-vi');
  if (!dte.present || (w1 & DTE_GV_HI) === 0) return { path: [dte], level1: [], pasids: [] };
  const domId = word(frames, dteAddr, 2) & DTE_DOMID_MASK;
  const glx = (w1 >>> DTE_GLX_SHIFT_HI) & 0b11;
  const root = dteGcr3(w1, word(frames, dteAddr, 2), word(frames, dteAddr, 3));
  const level1: VendorEntryRow[] = [];
  const pasids: VendorPasidRow[] = [];
  const scan = (base: number, first: number) => {
    for (let i = 0; i < 512; i++) {
      const a = base + i * GCR3_ENTRY_SIZE;
      const lo = word(frames, a, 0);
      if ((lo & 1) === 0) continue;
      pasids.push({
        pasid: first + i,
        tag: domId,
        table: hex(ptr(lo, word(frames, a, 1), 0xfffff000)),
        entry: row(frames, 'gcr3', i, a, 2, true, 'amd-vi'),
      });
    }
  };
  // GLX levels above the leaf table (amd/tables.ts gcr3Addr: 9 PASID bits a level).
  const levels = (base: number, level: number, first: number) => {
    if (level === 0) {
      scan(base, first);
      return;
    }
    for (let i = 0; i < 512; i++) {
      const a = base + i * GCR3_ENTRY_SIZE;
      const lo = word(frames, a, 0);
      if ((lo & 1) === 0) continue;
      level1.push(row(frames, `gcr3-l${level}`, i, a, 2, true, 'amd-vi'));
      levels(ptr(lo, word(frames, a, 1), 0xfffff000), level - 1, first + i * 2 ** (9 * level));
    }
  };
  levels(root, glx, 0);
  return { path: [dte], level1, pasids };
}

/** A device's SMMUv3 or AMD-Vi entries, read from memory; null on VT-d (use dumpDeviceTables). */
export function dumpVendorDevice(state: EngineState, dev: Device): VendorDeviceDump | null {
  const iommu = state.platform.iommu;
  if (iommu === 'vtd') return null;
  const base = { device: dev.id, bdf: dev.bdf, rid: hex(dev.rid) };
  return { ...base, ...(iommu === 'smmuv3' ? dumpSmmu(state, dev) : dumpAmd(state, dev)) };
}

/** Every device's vendor entries, in insertion order (empty on VT-d). */
export function dumpVendorTables(state: EngineState): VendorDeviceDump[] {
  if (state.platform.iommu === 'vtd') return [];
  return [...state.devices.values()].map((d) => dumpVendorDevice(state, d)!);
}

/** What the root structure is called on a platform, and how it is indexed. */
export function rootStructureText(iommu: EngineState['platform']['iommu']): string {
  switch (iommu) {
    case 'smmuv3':
      return 'Stream table (two-level: 256 L1 descriptors indexed by StreamID[15:8], 256 STEs per L2 table)';
    case 'amd-vi':
      return 'Device table (65,536 DTEs of 256 bits, indexed by DeviceID)';
    default:
      return 'Root table (256 entries, indexed by bus)';
  }
}
