/** VT-d fault reasons the walk records, and what QEMU's emulation records instead. */
/**
 * VT-d fault reason codes as scalable-mode hardware records them (VT-d spec §7.1.3, scalable-mode
 * fault conditions), named as the kernel prints them from dma_remap_sm_fault_reasons
 * (drivers/iommu/intel/dmar.c, index = code - 0x30).
 */
export const Reason = {
  ROOT_NOT_PRESENT: 0x39, // "SM: Present bit in Root Entry is clear"
  CONTEXT_NOT_PRESENT: 0x41, // "SM: Present bit in Context Entry is clear"
  DTE_CLEAR: 0x44, // "SM: DTE field in Context Entry is clear" (a translation request from an ATS device)
  PASIDE_CLEAR: 0x45, // "SM: PASID Enable field in Context Entry is clear"
  PASID_BEYOND_PDTS: 0x46, // "SM: PASID is larger than the max in Context Entry"
  PASID_DIR_NOT_PRESENT: 0x51, // "SM: Present bit in Directory Entry is clear"
  PASID_ENTRY_NOT_PRESENT: 0x59, // "SM: Present bit in PASID Table Entry is clear"
  PASID_ENTRY_INVALID: 0x5b, // "SM: Invalid Scalable-Mode PASID Table Entry"
  FS_NOT_PRESENT: 0x71, // "SM: Present bit in first-level paging entry is clear"
  SS_NOT_PRESENT: 0x79, // "SM: Read/Write permission error in second-level paging entry" (R = W = 0)
  NON_CANONICAL: 0x80, // "SM: Address in first-level translation is not canonical"
  ADDR_BEYOND_WIDTH: 0x83, // "SM: Address beyond the DMA hardware max"
  WRITE: 0x85, // "SM: No write permission for Write/AtomicOp request"
  READ: 0x86, // "SM: No read permission for Read/AtomicOp request"
} as const;

/**
 * What QEMU's intel_iommu records for the same condition where it differs (it reports the legacy
 * codes from its second-stage walk, vtd_iova_to_slpte, and its root/context lookups): 0 = the same.
 * `secondStage`: the request went through a second-stage table, where vtd_iova_to_slpte answers a
 * write it does not permit with VTD_FR_WRITE (0x5); its first-stage walk records 0x85 as the hardware.
 */
export function qemuReasonOf(reason: number, write: boolean, secondStage = false): number {
  switch (reason) {
    case Reason.ROOT_NOT_PRESENT:
      return 0x1; // VTD_FR_ROOT_ENTRY_P
    case Reason.CONTEXT_NOT_PRESENT:
      return 0x2; // VTD_FR_CONTEXT_ENTRY_P
    case Reason.ADDR_BEYOND_WIDTH:
      return 0x4; // VTD_FR_ADDR_BEYOND_MGAW
    case Reason.SS_NOT_PRESENT:
      return write ? 0x5 : 0x6; // VTD_FR_WRITE / VTD_FR_READ
    case Reason.WRITE:
      return secondStage ? 0x5 : 0; // VTD_FR_WRITE
    case Reason.READ:
      return 0x6;
    default:
      return 0;
  }
}
