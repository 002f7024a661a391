/**
 * Bit layouts of the Intel VT-d scalable-mode structures (VT-d spec rev 3.x+ §9; reference/iommu.md §3).
 * Every entry is held as little-endian 32-bit words: word 0 = bits 31:0 of qword 0.
 * Kernel counterparts are named where the driver programs the field (drivers/iommu/intel/pasid.h, iommu.h).
 */
import { pointerWords } from '../iommu/entry.ts';
export { ADDR_HI_MASK, ADDR_LO_MASK, entryAddr, pointerWords } from '../iommu/entry.ts';

/** Entry sizes in bytes. */
export const ROOT_ENTRY_SIZE = 16; // 256 per table, indexed by bus
export const CONTEXT_ENTRY_SIZE = 32; // scalable mode: 128 per table, two tables per bus
export const PASID_DIR_ENTRY_SIZE = 8; // 512 per page, indexed by PASID[19:6]
export const PASID_ENTRY_SIZE = 64; // 64 per page, indexed by PASID[5:0]
export const PTE_SIZE = 8; // 512 per table, 9 index bits per level

export const PASID_PDE_SHIFT = 6; // kernel PASID_PDE_SHIFT
export const PASID_TABLE_MASK = 0x3f;
export const PASID_BITS_MAX = 20;

/** Present bit, shared by every structure (bit 0 of qword 0). */
export const P = 0b1;
/** Fault Processing Disable, bit 1 of context, PASID-directory and PASID entries. */
export const FPD = 0b10;

// Scalable-mode root entry: qword 0 = LP (bit 0) | LCTP (63:12) for devfn 0-127,
// qword 1 = UP | UCTP for devfn 128-255.
export const ROOT_UPPER_DEVFN = 0x80;

// Scalable-mode context entry, qword 0.
export const CTX_DTE = 1 << 2; // device-TLB enable
export const CTX_PASIDE = 1 << 3; // PASID-tagged requests allowed
export const CTX_PRE = 1 << 4; // page requests allowed
export const CTX_PDTS_SHIFT = 9; // bits 11:9: directory has 2^(PDTS+7) entries
export const CTX_PDTS_MASK = 0b111 << CTX_PDTS_SHIFT;
// qword 1 bits 19:0: RID_PASID (Linux writes 0, IOMMU_NO_PASID).
export const CTX_RID_PASID_MASK = 0xfffff;

// PASID-table entry (512 bits), qword 0.
export const PE_AW_SHIFT = 2; // bits 4:2
export const PE_AW_MASK = 0b111 << PE_AW_SHIFT;
export const PE_PGTT_SHIFT = 6; // bits 8:6
export const PE_PGTT_MASK = 0b111 << PE_PGTT_SHIFT;
export const PE_SSADE = 1 << 9;
// qword 1: DID bits 15:0 (absolute 79:64), PWSNP bit 23 (87), PGSNP bit 24 (88).
export const PE_DID_MASK = 0xffff;
export const PE_PWSNP = 1 << 23;
export const PE_PGSNP = 1 << 24;
// qword 2: SRE bit 0 (128), FLPM 3:2 (131:130), WPE bit 4 (132), EAFE bit 7 (135), FSPTPTR 63:12 (191:140).
export const PE_SRE = 1 << 0;
export const PE_FLPM_SHIFT = 2;
export const PE_FLPM_MASK = 0b11 << PE_FLPM_SHIFT;
export const PE_WPE = 1 << 4;
export const PE_EAFE = 1 << 7;

/** PASID Granular Translation Type (kernel PASID_ENTRY_PGTT_*). */
export const PGTT = {
  FIRST_ONLY: 0b001,
  SECOND_ONLY: 0b010,
  NESTED: 0b011,
  PASS_THROUGH: 0b100,
} as const;

// Second-stage paging entry (VT-d §9.8): R bit 0, W bit 1, PS bit 7, address 51:12.
export const SL_R = 1 << 0;
export const SL_W = 1 << 1;
export const SL_PS = 1 << 7;
export const SL_SNP = 1 << 11;

/** Domain IDs 0 and 1 are reserved in scalable mode (kernel: 0 for caching mode, 1 = FLPT_DEFAULT_DID). */
export const FLPT_DEFAULT_DID = 1;
export const FIRST_DID = 2;
export const MAX_DID = 0xffff;

/** AGAW code written to AW fields: 1 = 39-bit (3-level), 2 = 48-bit (4-level), 3 = 57-bit (5-level). */
export function agawOf(width: number): number {
  return (width - 30) / 9;
}
export function levelsOf(width: number): number {
  return agawOf(width) + 2;
}

export function rootEntryWords(lowerCtp: number | null, upperCtp: number | null): number[] {
  const lo = lowerCtp === null ? [0, 0] : pointerWords(lowerCtp, P);
  const up = upperCtp === null ? [0, 0] : pointerWords(upperCtp, P);
  return [...lo, ...up];
}

export interface ContextFields {
  pasidDir: number;
  pdts: number;
  pasidEnable: boolean;
  ridPasid: number;
  /** Device-TLB enable: set when the device has ATS (pasid.c context_entry_set_pasid_table). */
  dte?: boolean;
}

/**
 * Scalable-mode context entry as the kernel programs it (pasid.c context_entry_set_pasid_table:
 * PASIDDIRPTR and PDTS, RID_PASID = IOMMU_NO_PASID, DTE when the device supports ATS, PASIDE
 * when it supports PASID, P).
 */
export function contextEntryWords(f: ContextFields): number[] {
  const flags = P | (f.dte === true ? CTX_DTE : 0) | (f.pasidEnable ? CTX_PASIDE : 0) | (f.pdts << CTX_PDTS_SHIFT);
  return [...pointerWords(f.pasidDir, flags), f.ridPasid & CTX_RID_PASID_MASK, 0, 0, 0, 0, 0];
}

export interface PasidEntryFields {
  pgtt: number;
  did: number;
  aw: number; // AGAW code
  ssptptr: number; // second-stage root, 0 for pass-through and first-stage only
  pwsnp: boolean;
  fsptptr?: number; // first-stage root (a GPA when nested)
  flpm?: number; // first-stage paging mode: 0 = 4-level, 1 = 5-level
}

/** PASID-table entry (kernel intel_pasid_setup_second_level / _pass_through). */
export function pasidEntryWords(f: PasidEntryFields): number[] {
  const words = new Array<number>(16).fill(0);
  const [lo, hi] = pointerWords(f.ssptptr, P | (f.aw << PE_AW_SHIFT) | (f.pgtt << PE_PGTT_SHIFT));
  words[0] = lo;
  words[1] = hi;
  words[2] = ((f.did & PE_DID_MASK) | (f.pwsnp ? PE_PWSNP : 0)) >>> 0;
  if (f.fsptptr !== undefined) {
    const [flo, fhi] = pointerWords(f.fsptptr, (f.flpm ?? 0) << PE_FLPM_SHIFT);
    words[4] = flo;
    words[5] = fhi;
  }
  return words;
}

/** A second-stage leaf or table pointer (kernel: DMA_PTE_READ | DMA_PTE_WRITE | DMA_PTE_LARGE_PAGE). */
export function slpteWords(addr: number, read: boolean, write: boolean, large: boolean): [number, number] {
  return pointerWords(addr, (read ? SL_R : 0) | (write ? SL_W : 0) | (large ? SL_PS : 0));
}
