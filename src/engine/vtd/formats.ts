/**
 * VT-d's two page-table formats (VT-d §9.7 first stage, §9.8 second stage), with the scalable-mode
 * fault reasons its walk records for them.
 */
import { pointerWords } from '../iommu/entry.ts';
import { pteFormat, type PteBits } from '../iommu/pte.ts';
import { FL_A, FL_D, FL_P, FL_PS, FL_RW, FL_US, FL_XD_HI, X86_64_BITS, x86TableEntry } from '../iommu/x86.ts';
import { SL_PS, SL_R, SL_W, slpteWords } from './layout.ts';
import { Reason } from './reasons.ts';

/**
 * Second-stage decode: R = W = 0 is not present (SSS.2, 0x79); PS a leaf at any level; R and W
 * ANDed over every level, as QEMU's vtd_iova_to_slpte checks them.
 */
const SECOND_STAGE_BITS: PteBits = {
  present: SL_R | SL_W,
  leafMask: SL_PS,
  leafValue: SL_PS,
  maxLeafLevel: 5,
  readAlways: false,
  readLo: SL_R,
  readHi: 0,
  writeLo: SL_W,
  writeHi: 0,
  writeWhenClear: false,
  permsEveryLevel: true,
};

/** VT-d second-stage entries (R/W, PS for large leaves; non-leaf entries carry R|W). */
export const VTD_SECOND_STAGE = pteFormat(
  'vtd-ss',
  SECOND_STAGE_BITS,
  { notPresent: Reason.SS_NOT_PRESENT, read: Reason.READ, write: Reason.WRITE },
  (addr, read, write, level) => slpteWords(addr, read, write, level > 1),
  (addr) => slpteWords(addr, true, true, false),
);

/**
 * First-stage entries of a VT-d paging domain (a DMA-API domain, first stage on hardware with both
 * stages), as iommu.c __domain_mapping and pfn_to_dma_pte write them: leaves P | RW (writable) |
 * US | A | D (writable) | XD, PS for 2 MiB / 1 GiB; table pointers P | RW | US | A. The same decode
 * walks guest tables (nested) and process tables (SVA).
 */
export const VTD_FIRST_STAGE = pteFormat(
  'x86-64',
  X86_64_BITS,
  { notPresent: Reason.FS_NOT_PRESENT, read: Reason.READ, write: Reason.WRITE },
  (addr, _read, write, level) => {
    const [lo, hi] = pointerWords(addr, FL_P | FL_US | FL_A | (write ? FL_RW | FL_D : 0) | (level > 1 ? FL_PS : 0));
    return [lo, (hi | FL_XD_HI) >>> 0];
  },
  (addr) => x86TableEntry(addr),
);
