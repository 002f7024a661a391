/**
 * Arm SMMUv3 structures (SMMUv3 architecture spec §5; Linux drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.h;
 * reference/iommu.md §5.2), as the Linux driver programs them: a two-level stream table (L1
 * descriptors indexed by StreamID[15:8], L2 tables of 256 STEs), stage-1 STEs pointing at a
 * two-level context-descriptor table (L1 descriptors indexed by SubstreamID[19:10], 1,024 CDs per
 * L2 table), and Arm LPAE stage-1 page tables with 4 KiB granules.
 */
import { hi32, lo32 } from '../hex.ts';
import { pteFormat, type PteBits } from '../iommu/pte.ts';

/** SMMU event ids the walk records (arm-smmu-v3.h EVT_ID_*). */
export const SmmuEvent = {
  C_BAD_STREAMID: 0x02,
  C_BAD_STE: 0x04,
  C_BAD_SUBSTREAMID: 0x08,
  C_BAD_CD: 0x0a,
  F_TRANSLATION: 0x10,
  F_PERMISSION: 0x13,
} as const;

const LPAE_FAULTS = {
  notPresent: SmmuEvent.F_TRANSLATION,
  read: SmmuEvent.F_PERMISSION,
  write: SmmuEvent.F_PERMISSION,
} as const;

export const STRTAB_SPLIT = 8; // L2 tables hold 2^8 STEs
export const STRTAB_L1_DESC_SIZE = 8;
export const STE_SIZE = 64;
export const CTXDESC_SPLIT = 10; // L2 CD tables hold 2^10 CDs (64 KiB)
export const CD_L1_DESC_SIZE = 8;
export const CD_SIZE = 64;

// STE qword 0
export const STE_V = 1 << 0;
export const STE_CFG_SHIFT = 1; // bits 3:1
export const STE_CFG = { ABORT: 0b000, BYPASS: 0b100, S1_TRANS: 0b101, S2_TRANS: 0b110, NESTED: 0b111 } as const;
export const STE_S1FMT_SHIFT = 4; // bits 5:4: 0 linear, 2 two-level with 64 KiB leaves
export const STE_S1FMT = { LINEAR: 0, L2_64K: 2 } as const;
export const STE_S1CDMAX_SHIFT_HI = 27; // bits 63:59 (high word 31:27)
// STE qword 1 (word 2)
export const STE_S1DSS_SSID0 = 0b10; // untagged traffic uses CD 0
export const STE_S1DSS_BYPASS = 0b01; // untagged traffic bypasses (identity RID with PASIDs in use)
export const STE_S1DSS_MASK = 0b11;
export const STE_S1CIR_WBRA = 1 << 2;
export const STE_S1COR_WBRA = 1 << 4;
export const STE_S1CSH_ISH = 0b11 << 6;
export const STE_SHCFG_INCOMING_HI = 1 << 12; // bits 45:44 (word 3 bits 13:12)

// CD qword 0
export const CD_T0SZ_MASK = 0x3f;
export const CD_IRGN0_WBWA = 1 << 8;
export const CD_ORGN0_WBWA = 1 << 10;
export const CD_SH0_ISH = 0b11 << 12;
export const CD_EPD1 = 1 << 30;
export const CD_V = 1 << 31;
export const CD_IPS_48_HI = 0b101 << 0; // bits 34:32
export const CD_AA64_HI = 1 << 9; // bit 41
export const CD_R_HI = 1 << 13; // bit 45: record faults
export const CD_A_HI = 1 << 14; // bit 46: abort on fault
export const CD_ASET_HI = 1 << 15; // bit 47
export const CD_ASID_SHIFT_HI = 16; // bits 63:48
/**
 * CD qword 3: MAIR0 as io-pgtable-arm sets it for ARM_64_LPAE_S1 and arm_smmu_make_s1_cd copies it:
 * attr 0 NC (0x44), 1 WBRWA (0xff), 2 DEVICE (0x04), 3 INC_OWBRWA (0xf4).
 */
export const CD_MAIR = 0xf404ff44;
/** STE S1DSS = 0b00: untagged traffic is terminated (a blocked RID whose PASIDs still use the CD table). */
export const STE_S1DSS_TERMINATE = 0b00;

// Arm LPAE stage-1 descriptor (4 KiB granule)
export const LPAE_VALID = 1 << 0;
export const LPAE_TABLE_OR_PAGE = 1 << 1; // table at levels 0-2, page at level 3; 0 = block
export const LPAE_ATTRIDX_CACHE = 1 << 2;
export const LPAE_AP_UNPRIV = 1 << 6;
export const LPAE_AP_RDONLY = 1 << 7;
export const LPAE_SH_IS = 0b11 << 8;
export const LPAE_AF = 1 << 10;
export const LPAE_NG = 1 << 11;

function words(addr: number, flags: number, addrMaskLo: number): [number, number] {
  return [((lo32(addr) & addrMaskLo) | flags) >>> 0, hi32(addr) & 0xfffff];
}

/**
 * Stage-1 decode: VALID present; a block (bit 1 clear) is a leaf above level 1; the leaf's AP[2]
 * (RDONLY) alone decides write (table descriptors carry no AP here). Stage 1 cannot deny reads.
 */
const LPAE_S1_BITS: PteBits = {
  present: LPAE_VALID,
  leafMask: LPAE_TABLE_OR_PAGE,
  leafValue: 0,
  maxLeafLevel: 5,
  readAlways: true,
  readLo: 0,
  readHi: 0,
  writeLo: LPAE_AP_RDONLY,
  writeHi: 0,
  writeWhenClear: true,
  permsEveryLevel: false,
};

/** Stage-1 entries as io-pgtable-arm writes them for an ARM_64_LPAE_S1 domain. */
export const ARM_LPAE_S1 = pteFormat(
  'arm-lpae-s1',
  LPAE_S1_BITS,
  LPAE_FAULTS,
  (addr, _read, write, level) =>
    words(
      addr,
      (level === 1 ? 0b11 : 0b01) |
        LPAE_ATTRIDX_CACHE |
        LPAE_AP_UNPRIV |
        (write ? 0 : LPAE_AP_RDONLY) |
        LPAE_SH_IS |
        LPAE_AF |
        LPAE_NG,
      0xfffff000,
    ),
  (addr) => words(addr, 0b11, 0xfffff000),
);

// Arm LPAE stage-2 descriptor: S2AP[1:0] at bits 7:6 (read, write), MemAttr 5:2.
export const LPAE_S2AP_R = 1 << 6;
export const LPAE_S2AP_W = 1 << 7;
export const LPAE_S2_MEMATTR_WB = 0b1111 << 2;

/** Stage-2 decode: as stage 1, but the leaf's S2AP grants read and write apart. */
const LPAE_S2_BITS: PteBits = {
  ...LPAE_S1_BITS,
  readAlways: false,
  readLo: LPAE_S2AP_R,
  writeLo: LPAE_S2AP_W,
  writeWhenClear: false,
};

/** Stage-2 entries as io-pgtable-arm writes them for an ARM_64_LPAE_S2 domain (a NEST_PARENT HWPT). */
export const ARM_LPAE_S2 = pteFormat(
  'arm-lpae-s2',
  LPAE_S2_BITS,
  LPAE_FAULTS,
  (addr, read, write, level) =>
    words(
      addr,
      (level === 1 ? 0b11 : 0b01) |
        LPAE_S2_MEMATTR_WB |
        (read ? LPAE_S2AP_R : 0) |
        (write ? LPAE_S2AP_W : 0) |
        LPAE_SH_IS |
        LPAE_AF,
      0xfffff000,
    ),
  (addr) => words(addr, 0b11, 0xfffff000),
);

/**
 * A stage-2 STE (arm_smmu_make_s2_domain_ste): Config=110b, S2VMID, VTCR (T0SZ, SL0 = start at L0
 * for 48 bits / L1 for 39, inner/outer WB, inner shareable, 4 KiB granule, PS 48-bit), S2AA64, S2R, S2TTB.
 */
export function steS2Words(s2ttb: number, vmid: number, width: number): number[] {
  const w = new Array<number>(16).fill(0);
  w[0] = STE_V | (STE_CFG.S2_TRANS << STE_CFG_SHIFT);
  w[3] = STE_SHCFG_INCOMING_HI;
  w[4] = vmid & 0xffff;
  const sl0 = width > 39 ? 2 : 1;
  w[5] =
    ((64 - width) | (sl0 << 6) | (1 << 8) | (1 << 10) | (0b11 << 12) | (0b101 << 16) | STE_S2AA64_HI | STE_S2R_HI) >>>
    0;
  const [tlo, thi] = words(s2ttb, 0, 0xfffffff0);
  w[6] = tlo;
  w[7] = thi;
  return w;
}
export const STE_S2AA64_HI = 1 << 19; // bit 179 (word 5 bit 19)
export const STE_S2R_HI = 1 << 26; // bit 186

/** L1 stream-table descriptor: L2 pointer (51:6) and SPAN (4:0) = split + 1. */
export function strtabL1Words(l2: number): [number, number] {
  return words(l2, STRTAB_SPLIT + 1, 0xffffffc0);
}

/** A stage-1 STE pointing at a CD table (arm_smmu_make_cdtable_ste). */
export function steS1Words(
  cdTable: number,
  s1fmt: number,
  cdMaxBits: number,
  s1dss: number = STE_S1DSS_SSID0,
): number[] {
  const w = new Array<number>(16).fill(0);
  const [lo, hi] = words(cdTable, STE_V | (STE_CFG.S1_TRANS << STE_CFG_SHIFT) | (s1fmt << STE_S1FMT_SHIFT), 0xffffffc0);
  w[0] = lo;
  w[1] = (hi | (cdMaxBits << STE_S1CDMAX_SHIFT_HI)) >>> 0;
  w[2] = s1dss | STE_S1CIR_WBRA | STE_S1COR_WBRA | STE_S1CSH_ISH;
  return w;
}

/** A bypass STE (arm_smmu_make_bypass_ste). */
export function steBypassWords(): number[] {
  const w = new Array<number>(16).fill(0);
  w[0] = STE_V | (STE_CFG.BYPASS << STE_CFG_SHIFT);
  w[3] = STE_SHCFG_INCOMING_HI;
  return w;
}

/** An abort STE (the blocking domain, arm_smmu_make_abort_ste). */
export function steAbortWords(): number[] {
  const w = new Array<number>(16).fill(0);
  w[0] = STE_V | (STE_CFG.ABORT << STE_CFG_SHIFT);
  return w;
}

/** L1 CD descriptor: V and the L2 table pointer (51:12). */
export function cdL1Words(l2: number): [number, number] {
  return words(l2, 1, 0xfffff000);
}

/** A stage-1 context descriptor (arm_smmu_make_s1_cd): TCR for TTB0, ASID, TTB0. */
export function cdWords(ttb0: number, asid: number, width: number): number[] {
  const w = new Array<number>(16).fill(0);
  w[0] = ((64 - width) | CD_IRGN0_WBWA | CD_ORGN0_WBWA | CD_SH0_ISH | CD_EPD1 | CD_V) >>> 0;
  w[1] = (CD_IPS_48_HI | CD_AA64_HI | CD_R_HI | CD_A_HI | CD_ASET_HI | (asid << CD_ASID_SHIFT_HI)) >>> 0;
  const [tlo, thi] = words(ttb0, 0, 0xfffffff0);
  w[2] = tlo;
  w[3] = thi;
  w[6] = CD_MAIR; // qword 3 (qword 2, TTB1, stays 0: EPD1)
  return w;
}

/** STE word 2 bits 29:28: EATS = 0b01, ATS translation requests allowed (arm_smmu_make_cdtable_ste with ats_enabled). */
export const STE_EATS_TRANS = 0b01 << 28;

/**
 * A nested STE (arm_smmu_make_nested_domain_ste, Linux 6.13 arm-smmu-v3-iommufd.c): Config = S1+S2
 * (0b111), the guest's S1 fields taken from the vSTE (S1ContextPtr is an IPA into guest RAM, S1Fmt,
 * S1CDMax, S1DSS) and the stage-2 fields of the NEST_PARENT domain (arm_smmu_make_s2_domain_ste:
 * S2VMID, VTCR, S2TTB). The guest sizes its CD table as its own arm_smmu_alloc_cd_tables does:
 * S1CDMax = `cdMaxBits`, linear up to 2^10 CDs (S1Fmt 0), two-level with 64 KiB leaves above (S1Fmt 2).
 */
export function steNestedWords(
  cdTableIpa: number,
  cdMaxBits: number,
  s2ttb: number,
  vmid: number,
  width: number,
): number[] {
  const w = steS2Words(s2ttb, vmid, width);
  const s1fmt = cdMaxBits > CTXDESC_SPLIT ? STE_S1FMT.L2_64K : STE_S1FMT.LINEAR;
  const [lo, hi] = words(
    cdTableIpa,
    STE_V | (STE_CFG.NESTED << STE_CFG_SHIFT) | (s1fmt << STE_S1FMT_SHIFT),
    0xffffffc0,
  );
  w[0] = lo;
  w[1] = (hi | (cdMaxBits << STE_S1CDMAX_SHIFT_HI)) >>> 0;
  w[2] = STE_S1DSS_SSID0 | STE_S1CIR_WBRA | STE_S1COR_WBRA | STE_S1CSH_ISH;
  return w;
}

/** Width and levels of an Arm stage-1 table a CPU shares (a process's mm) or a guest owns: VA_BITS 48, four 4 KiB levels. */
export const ARM_S1_VA_BITS = 48;
