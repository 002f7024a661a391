/**
 * VT-d fault reasons, one table for the log formatter and the explainer. Texts are the kernel's,
 * verbatim: drivers/iommu/intel/dmar.c `dma_remap_fault_reasons` (legacy codes 0x0–0xd),
 * `irq_remap_fault_reasons` (0x20–0x26) and `dma_remap_sm_fault_reasons` (scalable mode, 0x30–0x90),
 * chosen by `dmar_get_fault_reason` in that order. Structures and fault names follow the VT-d
 * specification's fault conditions (§7.1.3, scalable-mode table 7-2 / legacy table 7-1).
 */
import type { CodeInfo, FaultStructure } from './types.ts';
import type { FaultName } from '../scenario/schema.ts';

const LEGACY: readonly string[] = [
  'Software',
  'Present bit in root entry is clear',
  'Present bit in context entry is clear',
  'Invalid context entry',
  'Access beyond MGAW',
  'PTE Write access is not set',
  'PTE Read access is not set',
  'Next page table ptr is invalid',
  'Root table address invalid',
  'Context table ptr is invalid',
  'non-zero reserved fields in RTP',
  'non-zero reserved fields in CTP',
  'non-zero reserved fields in PTE',
  'PCE for translation request specifies blocking',
];

const IRQ: readonly string[] = [
  'Detected reserved fields in the decoded interrupt-remapped request',
  'Interrupt index exceeded the interrupt-remapping table size',
  'Present field in the IRTE entry is clear',
  'Error accessing interrupt-remapping table pointed by IRTA_REG',
  'Detected reserved fields in the IRTE entry',
  'Blocked a compatibility format interrupt request',
  'Blocked an interrupt request due to source-id verification failure',
];

/** dma_remap_sm_fault_reasons, indexed from 0x30 (the kernel's "Unknown" holes left out). */
const SM: Readonly<Record<number, string>> = {
  0x30: 'SM: Invalid Root Table Address',
  0x31: 'SM: TTM 0 for request with PASID',
  0x32: 'SM: TTM 0 for page group request',
  0x38: 'SM: Error attempting to access Root Entry',
  0x39: 'SM: Present bit in Root Entry is clear',
  0x3a: 'SM: Non-zero reserved field set in Root Entry',
  0x40: 'SM: Error attempting to access Context Entry',
  0x41: 'SM: Present bit in Context Entry is clear',
  0x42: 'SM: Non-zero reserved field set in the Context Entry',
  0x43: 'SM: Invalid Context Entry',
  0x44: 'SM: DTE field in Context Entry is clear',
  0x45: 'SM: PASID Enable field in Context Entry is clear',
  0x46: 'SM: PASID is larger than the max in Context Entry',
  0x47: 'SM: PRE field in Context-Entry is clear',
  0x48: 'SM: RID_PASID field error in Context-Entry',
  0x50: 'SM: Error attempting to access the PASID Directory Entry',
  0x51: 'SM: Present bit in Directory Entry is clear',
  0x52: 'SM: Non-zero reserved field set in PASID Directory Entry',
  0x58: 'SM: Error attempting to access PASID Table Entry',
  0x59: 'SM: Present bit in PASID Table Entry is clear',
  0x5a: 'SM: Non-zero reserved field set in PASID Table Entry',
  0x5b: 'SM: Invalid Scalable-Mode PASID Table Entry',
  0x5c: 'SM: ERE field is clear in PASID Table Entry',
  0x5d: 'SM: SRE field is clear in PASID Table Entry',
  0x70: 'SM: Error attempting to access first-level paging entry',
  0x71: 'SM: Present bit in first-level paging entry is clear',
  0x72: 'SM: Non-zero reserved field set in first-level paging entry',
  0x73: 'SM: Error attempting to access FL-PML4 entry',
  0x74: 'SM: First-level entry address beyond MGAW in Nested translation',
  0x75: 'SM: Read permission error in FL-PML4 entry in Nested translation',
  0x76: 'SM: Read permission error in first-level paging entry in Nested translation',
  0x77: 'SM: Write permission error in first-level paging entry in Nested translation',
  0x78: 'SM: Error attempting to access second-level paging entry',
  0x79: 'SM: Read/Write permission error in second-level paging entry',
  0x7a: 'SM: Non-zero reserved field set in second-level paging entry',
  0x7b: 'SM: Invalid second-level page table pointer',
  0x7c: 'SM: A/D bit update needed in second-level entry when set up in no snoop',
  0x80: 'SM: Address in first-level translation is not canonical',
  0x81: 'SM: U/S set 0 for first-level translation with user privilege',
  0x82: 'SM: No execute permission for request with PASID and ER=1',
  0x83: 'SM: Address beyond the DMA hardware max',
  0x84: 'SM: Second-level entry address beyond the max',
  0x85: 'SM: No write permission for Write/AtomicOp request',
  0x86: 'SM: No read permission for Read/AtomicOp request',
  0x87: 'SM: Invalid address-interrupt address',
  0x90: 'SM: A/D bit update needed in first-level entry when set up in no snoop',
};
const SM_LAST = 0x90;

type Explain = readonly [FaultStructure | null, FaultName | null, string];

const NOT_ATTACHED =
  'usually the device was never attached to a domain, was detached (driver unbound, device reset or hot-removed) while still doing DMA, or the firmware left DMA running into the kernel';
const UNMAPPED_OR_RO =
  'second-stage entries have no present bit, so an address the driver never mapped, or already unmapped, reads the same as a mapping without that permission; usual causes: DMA after dma_unmap (driver unmapped too early), a stale or garbage descriptor address (0x0 is a classic), or a buffer mapped for the other direction';
const RESERVED =
  'a structure holds bits the hardware does not accept: a driver or firmware bug, or memory corruption of the tables';

/** What each code means, by structure; codes absent here explain as "see the VT-d specification". */
const EXPLAIN: Readonly<Record<number, Explain>> = {
  0x1: [
    'root',
    'no-context',
    `the root entry for the request's bus is not present: nothing on that bus is set up for translation; ${NOT_ATTACHED}`,
  ],
  0x2: [
    'context',
    'no-context',
    `the context entry for the request's device and function is not present; ${NOT_ATTACHED}`,
  ],
  0x3: [
    'context',
    null,
    `the context entry is present but invalid (bad translation type or address width): ${RESERVED}`,
  ],
  0x4: [
    null,
    'beyond-width',
    'the address is above the address width the context entry allows (AW/MGAW): a corrupted or sign-extended DMA address, or a device given an IOVA wider than its domain',
  ],
  0x5: ['page-table', 'write-denied', `a write found no write permission in the page-table entry; ${UNMAPPED_OR_RO}`],
  0x6: ['page-table', 'read-denied', `a read found no read permission in the page-table entry; ${UNMAPPED_OR_RO}`],
  0x7: [
    'page-table',
    null,
    'a page-table entry points to a next-level table that is not valid memory: the tables were freed or corrupted',
  ],
  0x8: [
    null,
    null,
    'the root-table address register is invalid: the IOMMU was set up wrongly (firmware or a kexec/kdump handover)',
  ],
  0x9: ['root', null, 'the root entry points to an invalid context table'],
  0xa: [null, null, `non-zero reserved bits in the root-table pointer register: ${RESERVED}`],
  0xb: ['root', null, `non-zero reserved bits in the context-table pointer of the root entry: ${RESERVED}`],
  0xc: [
    'page-table',
    null,
    `non-zero reserved bits in a page-table entry: ${RESERVED}; also seen when a superpage is used where the hardware does not support it`,
  ],
  0xd: ['context', null, 'an ATS translation request was blocked by the context entry (device TLB not enabled for it)'],
  0x30: [
    null,
    null,
    'the root-table address register is invalid: the IOMMU was set up wrongly (firmware or a kexec/kdump handover)',
  ],
  0x31: [
    null,
    null,
    'a request with a PASID arrived while the IOMMU is in legacy mode (TTM 0): PASIDs need scalable mode',
  ],
  0x32: [null, null, 'a page request arrived while the IOMMU is in legacy mode (TTM 0)'],
  0x38: ['root', null, 'the root entry could not be read (memory error)'],
  0x39: [
    'root',
    'no-context',
    `the root entry for the request's bus is not present: nothing on that bus (or that half of its devfns) is set up; ${NOT_ATTACHED}; after kdump, tables copied from the old kernel`,
  ],
  0x3a: ['root', null, `non-zero reserved bits in the root entry: ${RESERVED}`],
  0x40: ['context', null, 'the context entry could not be read (memory error)'],
  0x41: [
    'context',
    'no-context',
    `the context entry for the request's device and function is not present; ${NOT_ATTACHED}`,
  ],
  0x42: ['context', null, `non-zero reserved bits in the context entry: ${RESERVED}`],
  0x43: [
    'context',
    null,
    'the context entry is present but invalid (for example a PASID directory size or pointer the hardware rejects)',
  ],
  0x44: [
    'context',
    null,
    'an ATS translation request, but the context entry does not enable the device TLB (DTE clear): ATS enabled on the device but not in the IOMMU',
  ],
  0x45: [
    'context',
    'no-pasid',
    'a request with a PASID, but the context entry does not enable PASIDs (PASIDE clear): the driver never enabled PASID for this device, or the device sent a PASID it should not',
  ],
  0x46: [
    'context',
    'no-pasid',
    'the PASID is larger than the PASID directory the context entry describes (PDTS): a PASID the kernel never allocated for this device',
  ],
  0x47: ['context', null, 'a page request, but page requests are not enabled in the context entry (PRE clear)'],
  0x48: ['context', null, 'the RID_PASID field of the context entry is wrong'],
  0x50: ['pasid-dir', null, 'the PASID directory entry could not be read (memory error)'],
  0x51: [
    'pasid-dir',
    'no-pasid',
    'the PASID directory entry for this PASID is not present: no PASID in its group of 64 was ever attached on this device, or the directory write was not visible to the IOMMU (missing cache flush)',
  ],
  0x52: ['pasid-dir', null, `non-zero reserved bits in the PASID directory entry: ${RESERVED}`],
  0x58: ['pasid-table', null, 'the PASID table entry could not be read (memory error)'],
  0x59: [
    'pasid-table',
    'no-pasid',
    'the PASID table entry is not present: the PASID (RID_PASID for a request without one) is not attached to any domain: detached or blocked (Linux blocks by tearing the entry down), attached too late, or a device using a PASID it was never given',
  ],
  0x5a: ['pasid-table', null, `non-zero reserved bits in the PASID table entry: ${RESERVED}`],
  0x5b: [
    'pasid-table',
    null,
    'the PASID table entry is present but invalid (for example a translation type this hardware does not support)',
  ],
  0x5c: [
    'pasid-table',
    null,
    'an execute request, but execute requests are not enabled in the PASID table entry (ERE clear)',
  ],
  0x5d: [
    'pasid-table',
    null,
    'a supervisor request, but supervisor requests are not enabled in the PASID table entry (SRE clear)',
  ],
  0x70: ['page-table', null, 'a first-stage page-table entry could not be read (memory error)'],
  0x71: [
    'page-table',
    'not-mapped',
    'a first-stage page-table entry along the walk is not present: the address is not mapped (driver unmapped too early, or never mapped it), or, for SVA, the process page is not there and the device does not use page requests',
  ],
  0x72: ['page-table', null, `non-zero reserved bits in a first-stage page-table entry: ${RESERVED}`],
  0x73: ['page-table', null, 'the first-stage root (FL-PML4) entry could not be read'],
  0x74: [
    'page-table',
    null,
    "nested translation: a first-stage entry points beyond the second stage's address width (the guest table names a GPA the VM does not have)",
  ],
  0x75: [
    'page-table',
    null,
    "nested translation: the second stage does not let the IOMMU read the guest's first-stage root table",
  ],
  0x76: [
    'page-table',
    null,
    'nested translation: the second stage does not let the IOMMU read a guest first-stage table',
  ],
  0x77: [
    'page-table',
    null,
    'nested translation: the second stage does not let the IOMMU write a guest first-stage entry (accessed/dirty update)',
  ],
  0x78: ['page-table', null, 'a second-stage page-table entry could not be read (memory error)'],
  0x79: [
    'page-table',
    'not-mapped',
    'a second-stage page-table entry along the walk is not present (R and W both clear; second-stage entries have no present bit): the address is not mapped (driver unmapped too early, or a GPA the VMM never mapped)',
  ],
  0x7a: ['page-table', null, `non-zero reserved bits in a second-stage page-table entry: ${RESERVED}`],
  0x7b: ['page-table', null, 'the second-stage page-table pointer in the PASID entry is invalid'],
  0x7c: [
    'page-table',
    null,
    'the hardware had to set an accessed/dirty bit in a second-stage entry set up for no-snoop access',
  ],
  0x80: [
    null,
    'beyond-width',
    'the address is not canonical for first-stage translation (bits above the width are not a sign extension): a corrupted or truncated DMA address',
  ],
  0x81: ['page-table', null, 'a user-privilege request reached a first-stage supervisor-only page (U/S clear)'],
  0x82: ['page-table', null, 'an execute request to a page without execute permission'],
  0x83: [
    null,
    'beyond-width',
    'the address is beyond the largest address the IOMMU hardware translates: a corrupted DMA address, or a domain wider than the hardware',
  ],
  0x84: ['page-table', null, 'a second-stage entry points to an address beyond the hardware maximum'],
  0x85: [
    'page-table',
    'write-denied',
    'a write (or atomic) found no write permission in the leaf entry: a buffer mapped read-only (DMA_TO_DEVICE) that the device writes to, or an address that is not mapped at all in second-stage tables (no present bit there); often DMA after unmap',
  ],
  0x86: [
    'page-table',
    'read-denied',
    'a read (or atomic) found no read permission in the leaf entry: a buffer mapped write-only, or an address that is not mapped at all in second-stage tables (no present bit there); often DMA after unmap',
  ],
  0x87: [null, null, 'an address-interrupt (MSI) write to an invalid interrupt address'],
  0x90: [
    'page-table',
    null,
    'the hardware had to set an accessed/dirty bit in a first-stage entry set up for no-snoop access',
  ],
};

/** The kernel's text for a reason code, as `dmar_get_fault_reason` picks it. */
export function vtdReasonText(code: number): string {
  if (code >= 0x20 && code - 0x20 < IRQ.length) return IRQ[code - 0x20]!;
  if (code >= 0x30 && code <= SM_LAST) return SM[code] ?? 'Unknown';
  return LEGACY[code] ?? 'Unknown';
}

/** Interrupt-remapping reasons (0x20–0x26) are not DMA faults: the kernel logs them as [INTR-REMAP]. */
export function isInterruptReason(code: number): boolean {
  return code >= 0x20 && code - 0x20 < IRQ.length;
}

/** Structure, model fault name and meaning of a VT-d reason code. */
export function vtdReason(code: number): CodeInfo {
  const text = vtdReasonText(code);
  const e = EXPLAIN[code];
  if (e !== undefined) return { text, structure: e[0], fault: e[1], meaning: e[2] };
  if (isInterruptReason(code))
    return {
      text,
      structure: null,
      fault: null,
      meaning: `an interrupt-remapping fault (${text}), not a DMA fault: the device's MSI did not match its interrupt remapping table entry`,
    };
  return {
    text,
    structure: null,
    fault: null,
    meaning: `reason 0x${code.toString(16)} is not one the kernel names; see the VT-d specification's fault reason table`,
  };
}
