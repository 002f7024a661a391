/**
 * AMD-Vi's own words for what the engine models generically (AMD I/O Virtualization Technology
 * spec 48882 §2.4 "Commands"; Linux drivers/iommu/amd/amd_iommu_types.h CMD_*): the invalidation
 * descriptor kinds the engine records, the caches they drop, and the walk's structures. Views and
 * reports take AMD-Vi's wording from here instead of VT-d's.
 */
import type { Invalidation } from '../model.ts';

/** Command opcodes (CMD_* in amd_iommu_types.h) and what each does in the model. */
export const AMD_COMMANDS: Readonly<
  Record<Invalidation['type'], { readonly code: number; readonly name: string; readonly what: string }>
> = {
  'context-cache': {
    code: 0x02,
    name: 'INVALIDATE_DEVTAB_ENTRY',
    what: 'Drops the cached DTE of one DeviceID (after the driver rewrites it: amd_iommu_update_dte → device_flush_dte). Applied when the platform models the DTE cache (caches "all"), recorded otherwise.',
  },
  iotlb: {
    code: 0x03,
    name: 'INVALIDATE_IOMMU_PAGES',
    what: 'Drops cached translations of one DomainID, a naturally aligned range (S = 1 above one page) or all of it, PDE = 1 so page-directory entries go too; a whole-domain one also drops cached GCR3 entries. Applied to the modelled IOTLB.',
  },
  p_iotlb: {
    code: 0x03,
    name: 'INVALIDATE_IOMMU_PAGES (GN, PASID)',
    what: 'INVALIDATE_IOMMU_PAGES with GN = 1: translations of one (DomainID, PASID), a range or all of them; a whole-PASID one also drops the cached GCR3 entry of that PASID (amd_iommu_dev_flush_pasid_all). Applied to the modelled IOTLB.',
  },
  devtlb: {
    code: 0x04,
    name: 'INVALIDATE_IOTLB_PAGES',
    what: 'Drops translations an ATS device cached in its own IOTLB (with GN and the PASID when one is given). Applied when the platform models device IOTLBs (caches "all", devices added with ats).',
  },
  wait: {
    code: 0x01,
    name: 'COMPLETION_WAIT',
    what: 'Ends a batch: the driver waits until every earlier command has completed (iommu_completion_wait).',
  },
  'pasid-cache': {
    code: 0,
    name: '(none on AMD-Vi)',
    what: 'AMD-Vi has no PASID-cache command: INVALIDATE_IOMMU_PAGES drops cached GCR3 entries.',
  },
};

/** What the entry caches are on AMD-Vi (the dma result's `caches.context` and `caches.pasid`). */
export const AMD_ENTRY_CACHES = { context: 'DTE cache', pasid: 'GCR3 cache', atc: 'device IOTLB' } as const;

/** The hazard text's name for a stale cached entry. */
export const AMD_STALE_ENTRY = 'a cached DTE or GCR3 entry';
