/**
 * AMD-Vi structures (AMD I/O Virtualization Technology spec 48882; Linux drivers/iommu/amd/
 * amd_iommu_types.h; reference/iommu.md §5.1) in the Linux driver's v2 page-table mode
 * (amd_iommu=pgtbl_v2): every domain is an x86-64 ("v2", guest-format) table reached through the
 * device's GCR3 table, indexed by PASID; untagged traffic uses GCR3[0] when GIoV is set.
 * The device table has 65,536 entries of 256 bits, indexed by DeviceID (the RID).
 */
import { hi32, lo32 } from '../hex.ts';
import { pteFormat, type PteBits } from '../iommu/pte.ts';
import { X86_64_BITS, x86LeafEntry, x86TableEntry } from '../iommu/x86.ts';

/** AMD-Vi event codes the walk records (amd_iommu_types.h EVENT_TYPE_*). */
export const AmdEvent = { ILLEGAL_DEV_TABLE_ENTRY: 0x1, IO_PAGE_FAULT: 0x2 } as const;

/** Every page-table fault is an IO_PAGE_FAULT; its flags (PR, RW) tell not-present from permission. */
const AMD_PAGE_FAULTS = {
  notPresent: AmdEvent.IO_PAGE_FAULT,
  read: AmdEvent.IO_PAGE_FAULT,
  write: AmdEvent.IO_PAGE_FAULT,
} as const;

/**
 * v2 tables: the x86-64 format (amd/io_pgtable_v2.c), which cannot deny reads; the Linux driver's
 * v2 mode uses them for every domain.
 */
export const AMD_V2 = pteFormat(
  'x86-64',
  X86_64_BITS,
  AMD_PAGE_FAULTS,
  (addr, _read, write, level) => x86LeafEntry(addr, write, level > 1),
  (addr) => x86TableEntry(addr),
);

export const DTE_SIZE = 32;
export const DEV_TABLE_ENTRIES = 1 << 16;
export const GCR3_ENTRY_SIZE = 8;

// DTE qword 0
export const DTE_V = 1 << 0;
export const DTE_TV = 1 << 1;
export const DTE_GIOV_HI = 1 << 22; // bit 54: untagged requests use GCR3[0]
export const DTE_GV_HI = 1 << 23; // bit 55: guest (v2) translation valid
export const DTE_GLX_SHIFT_HI = 24; // bits 57:56: GCR3 table levels - 1
export const DTE_GCR3_14_12_SHIFT_HI = 26; // bits 60:58
export const DTE_IR_HI = 1 << 29; // bit 61
export const DTE_IW_HI = 1 << 30; // bit 62
export const DTE_MODE_SHIFT = 9; // qword 0 bits 11:9: host page-table levels (0 = no translation)
// DTE qword 1: DomainID 15:0, GCR3[30:15] at 31:16, GCR3[51:31] at 63:43
export const DTE_DOMID_MASK = 0xffff;

/** DTE qword 1 bit 32 (bit 96): I, IOTLB enable: the device may cache translations (ATS; DTE_FLAG_IOTLB). */
export const DTE_I_W3 = 1 << 0;
/**
 * DTE qword 2 bits 55:54 (bits 183:182): GuestPagingMode, the guest (v2) tables' levels
 * (amd_iommu_types.h DTE_GPT_LEVEL_MASK: GUEST_PGTABLE_4_LEVEL 0, GUEST_PGTABLE_5_LEVEL 1), in word 5.
 */
export const DTE_GPT_SHIFT_W5 = 22;
export const GUEST_PGTABLE_5_LEVEL = 1;

/** The guest (v2) tables' levels a DTE's GuestPagingMode names: 4, or 5 (set_dte_gcr3_table). */
export function dteGuestLevels(w5: number): 4 | 5 {
  return ((w5 >>> DTE_GPT_SHIFT_W5) & 0b11) === GUEST_PGTABLE_5_LEVEL ? 5 : 4;
}

/**
 * What a DTE holds (amd_iommu_make_clear_dte + set_dte_entry / amd_iommu_set_dte_v1 / set_dte_nested):
 * a host (v1) table (Mode = its levels, the root), guest (v2) translation through a GCR3 table (GV,
 * GLX, GIoV, the GCR3 root: an SPA, or a GPA when a host table is also given: nested), the DomainID,
 * IR/IW, and I for an ATS device. Neither table and no IR/IW: every access is blocked.
 */
export interface DteFields {
  readonly host?: { readonly root: number; readonly levels: number };
  /** `levels`: the guest tables' paging mode (GuestPagingMode), 4 unless the platform has 5-level tables. */
  readonly guest?: { readonly gcr3: number; readonly glx: number; readonly giov: boolean; readonly levels?: 4 | 5 };
  readonly domainId: number;
  readonly access: boolean;
  readonly ats: boolean;
}

export function dteFieldsWords(f: DteFields): number[] {
  const w = new Array<number>(8).fill(0);
  w[0] = DTE_V | DTE_TV;
  if (f.host) {
    w[0] = ((lo32(f.host.root) & 0xfffff000) | (f.host.levels << DTE_MODE_SHIFT) | w[0]) >>> 0;
    w[1] = hi32(f.host.root) & 0xfffff;
  }
  if (f.access) w[1] = (w[1]! | DTE_IR_HI | DTE_IW_HI) >>> 0;
  w[2] = f.domainId & DTE_DOMID_MASK;
  if (f.guest) {
    const g = Math.floor(f.guest.gcr3 / 4096); // GCR3[51:12] as a page number
    w[1] =
      (w[1]! |
        DTE_GV_HI |
        (f.guest.giov ? DTE_GIOV_HI : 0) |
        (f.guest.glx << DTE_GLX_SHIFT_HI) |
        ((g & 0x7) << DTE_GCR3_14_12_SHIFT_HI)) >>>
      0;
    w[2] = (w[2] | ((Math.floor(g / 8) & 0xffff) << 16)) >>> 0;
    w[3] = (Math.floor(g / 2 ** 19) << 11) >>> 0;
    if (f.guest.levels === 5) w[5] = (GUEST_PGTABLE_5_LEVEL << DTE_GPT_SHIFT_W5) >>> 0;
  }
  if (f.ats) w[3] = (w[3]! | DTE_I_W3) >>> 0;
  return w;
}

/** Split a GCR3 root address across the DTE fields (bits 60:58, 95:80, 127:107). */
export function dteWords(
  gcr3: number,
  glx: number,
  domainId: number,
  giov: boolean,
  ats = false,
  levels: 4 | 5 = 4,
): number[] {
  return dteFieldsWords({ guest: { gcr3, glx, giov, levels }, domainId, access: true, ats });
}

/** The GCR3 root address held in a DTE (words 0-3). */
export function dteGcr3(w1: number, w2: number, w3: number): number {
  const g14_12 = (w1 >>> DTE_GCR3_14_12_SHIFT_HI) & 0x7;
  const g30_15 = w2 >>> 16;
  const g51_31 = w3 >>> 11;
  return (g51_31 * 2 ** 19 + g30_15 * 8 + g14_12) * 4096;
}

/** A GCR3 entry: valid (bit 0) and a table pointer (51:12). */
export function gcr3EntryWords(addr: number): [number, number] {
  return [((lo32(addr) & 0xfffff000) | 1) >>> 0, hi32(addr) & 0xfffff];
}

// v1 (host) page tables: PR bit 0, NextLevel 11:9 (0 = this entry maps a page), address 51:12, IR 61, IW 62.
export const V1_PR = 1 << 0;
export const V1_NL_SHIFT = 9;
export const V1_FC_HI = 1 << 28; // bit 60: IOMMU_PTE_FC, force coherent (set on every leaf)
export const V1_IR_HI = 1 << 29;
export const V1_IW_HI = 1 << 30;

/** A v1 DTE (set_dte_entry without GCR3): Mode = levels, the host root, the domain's DomainID. */
export function dteV1Words(root: number, levels: number, domainId: number, ats = false): number[] {
  return dteFieldsWords({ host: { root, levels }, domainId, access: true, ats });
}

/** An identity DTE: translation valid, Mode 0 (no translation), reads and writes allowed. */
export function dtePassThroughWords(domainId: number, ats = false): number[] {
  return dteFieldsWords({ domainId, access: true, ats });
}

function v1Words(addr: number, flagsLo: number, flagsHi: number): [number, number] {
  return [((lo32(addr) & 0xfffff000) | flagsLo) >>> 0, ((hi32(addr) & 0xfffff) | flagsHi) >>> 0];
}

/** v1 decode: PR present; NextLevel 0 is a page at any level; the page's IR / IW grant read and write. */
const V1_BITS: PteBits = {
  present: V1_PR,
  leafMask: 0b111 << V1_NL_SHIFT,
  leafValue: 0,
  maxLeafLevel: 5,
  readAlways: false,
  readLo: 0,
  readHi: V1_IR_HI,
  writeLo: 0,
  writeHi: V1_IW_HI,
  writeWhenClear: false,
  permsEveryLevel: false,
};

/**
 * AMD v1 entries (amd/io_pgtable.c): a directory entry (PM_LEVEL_PDE) names the next level; a page
 * has NextLevel 0 and PR | FC | IR / IW (iommu_v1_map_pages: IOMMU_PTE_PR | IOMMU_PTE_FC).
 */
export const AMD_V1 = pteFormat(
  'amd-v1',
  V1_BITS,
  AMD_PAGE_FAULTS,
  (addr, read, write) => v1Words(addr, V1_PR, V1_FC_HI | (read ? V1_IR_HI : 0) | (write ? V1_IW_HI : 0)),
  (addr, level) => v1Words(addr, V1_PR | ((level - 1) << V1_NL_SHIFT), V1_IR_HI | V1_IW_HI),
);
