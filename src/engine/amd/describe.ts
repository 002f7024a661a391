/**
 * AMD-Vi's own words for what the engine models generically (AMD I/O Virtualization Technology
 * spec 48882 §2.4 "Commands"; Linux drivers/iommu/amd/amd_iommu_types.h CMD_*): the invalidation
 * descriptor kinds the engine records, the caches they drop, and the walk's structures. Views and
 * reports take AMD-Vi's wording from here instead of VT-d's.
 */
import { FAULT_TEXT, pageLevelLabel, type IommuDescribe } from '../iommu/describe.ts';
import type { Invalidation } from '../model.ts';

export interface AmdCommand {
  readonly code: number;
  readonly name: string;
  readonly what: string;
}

/** Command opcodes (CMD_* in amd_iommu_types.h) and what each does in the model, by record kind. */
export const AMD_COMMANDS: Readonly<Record<Invalidation['type'], AmdCommand>> = {
  'context-cache': {
    code: 0x02,
    name: 'INVALIDATE_DEVTAB_ENTRY',
    what: 'Drops the cached DTE of one DeviceID, issued after every DTE write (amd_iommu_update_dte → device_flush_dte). Applied when the platform models the DTE cache (caches "all"), recorded otherwise.',
  },
  iotlb: {
    code: 0x03,
    name: 'INVALIDATE_IOMMU_PAGES',
    what: 'Drops cached translations of one DomainID: a naturally aligned range (S = 1 above one page) or all of it, PDE = 1 so page-directory entries go too; a whole-domain one also drops the GCR3 entries cached under it. Applied to the modelled IOTLB.',
  },
  p_iotlb: {
    code: 0x03,
    name: 'INVALIDATE_IOMMU_PAGES (GN, PASID)',
    what: 'INVALIDATE_IOMMU_PAGES with GN = 1: the translations of one (DomainID, PASID), a range or all of them; a whole-PASID one also drops that cached GCR3 entry (amd_iommu_dev_flush_pasid_all). Applied to the modelled IOTLB.',
  },
  devtlb: {
    code: 0x04,
    name: 'INVALIDATE_IOTLB_PAGES',
    what: 'Sends an ATS invalidation to a device: drops what its IOTLB cached (with GN and the PASID when one is given), a range or all of it. Applied when the platform models device IOTLBs (caches "all", devices added with ats).',
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

/** GCR3 table levels by GLX (setup_gcr3_table: 9 PASID bits per level). */
const GCR3_LEVELS = ['one-level', 'two-level', 'three-level'] as const;

/** AMD-Vi's record for views (iommu/describe.ts): DeviceID, DTE, GCR3, DomainID, the event log. */
export const AMD_DESCRIBE: IommuDescribe = {
  name: 'AMD-Vi',
  tag: { name: 'PASID', short: 'PASID' },
  untagged: 'GCR3[0] when GIoV is set',
  untaggedNode: 'GCR3[0]',
  domainTag: 'DomainID',
  iotlbName: 'IOTLB',
  shortName: 'AMD-Vi',
  aShortName: 'an AMD-Vi',
  unitTitle: 'IOMMU (AMD-Vi, v2 page tables)',
  unitNode: { label: 'AMD-Vi IOMMU', mode: 'v2 page tables' },
  rootTableName: 'Device table',
  tablesTab: 'Device table & GCR3',
  deviceTables: 'vendor',
  debugfs: false,
  queue: {
    holds: 'commands',
    explain:
      'AMD-Vi does not snoop its tables either; the driver writes commands to the command buffer and ends each batch with COMPLETION_WAIT. Every DTE write is followed by INVALIDATE_DEVTAB_ENTRY; translations go by DomainID (with GN and a PASID for a GCR3 entry\'s), and ATS devices get INVALIDATE_IOTLB_PAGES. By default only the IOTLB is modelled as a cache, so INVALIDATE_DEVTAB_ENTRY is logged but changes nothing; with platform.caches: "all" the DTE and GCR3 caches and ATS devices\' IOTLBs are modelled too.',
  },
  requester: {
    name: 'DeviceID',
    fields: [{ label: 'DTE index (DeviceID)', hi: 15, lo: 0, structure: 'dte' }],
  },
  // __get_gcr3_pte: 9 PASID bits a level, GLX + 1 levels. Linux builds at most two (16-bit PASIDs), so the
  // third level (PASID[19:18]) is drawn only when a walk read it (amd/translate.ts handles GLX = 2).
  tagFields: [
    { label: 'GCR3 level-2 index', hi: 19, lo: 18, structure: 'gcr3-l2', onlyWhenRead: true },
    { label: 'GCR3 level-1 index', hi: 17, lo: 9, structure: 'gcr3-l1' },
    { label: 'GCR3 index', hi: 8, lo: 0, structure: 'gcr3' },
  ],
  levelName: (level) => `PL${level}`,
  structures: {
    dte: { label: 'Device table entry (dte)', words: 8, serves: 'device' },
    'gcr3-l2': { label: 'GCR3 level-2 entry (gcr3-l2)', words: 2, serves: 'pasid' },
    'gcr3-l1': { label: 'GCR3 level-1 entry (gcr3-l1)', words: 2, serves: 'pasid' },
    gcr3: { label: 'GCR3 table entry (gcr3)', words: 2, serves: 'pasid' },
  },
  pageLevel: pageLevelLabel,
  faults: {
    ...FAULT_TEXT,
    'no-context':
      'The device table entry for this DeviceID is not valid: no domain is attached to the device (ILLEGAL_DEV_TABLE_ENTRY).',
    'no-pasid': 'The GCR3 entry for this PASID is not valid: nothing is attached at this PASID (IO_PAGE_FAULT).',
    'not-mapped':
      'A page-table entry along the walk is not present: this address is not mapped in the domain (IO_PAGE_FAULT).',
    'write-denied': 'The page is mapped without write permission, so the write is refused (IO_PAGE_FAULT).',
  },
  faultLog: 'event log',
  reasonName: 'event code',
  commandOf: (inv) => AMD_COMMANDS[inv.type],
  commands: Object.entries(AMD_COMMANDS)
    .filter(([, c]) => c.code !== 0)
    .map(([type, c]) => ({ ...c, key: type })),
  rowName: (inv) => AMD_COMMANDS[inv.type].name,
  invalidationTag: () => 'DomainID',
  sidName: 'DeviceID',
  entryCaches: AMD_ENTRY_CACHES,
  hazards: {
    'stale-iotlb': 'stale IOTLB entry',
    'stale-entry-cache': 'stale DTE/GCR3-cache entry',
    'stale-atc': 'stale device-IOTLB entry',
  },
  stale: { iotlb: 'the IOTLB entry', atc: "the device's IOTLB entry", entry: AMD_STALE_ENTRY },
  pasidEntries: 'GCR3 entries',
  pasidTableName: 'GCR3 table',
  pasidTableText: (bits) =>
    bits === 0 ? 'no PASIDs' : `${bits} PASID bits: ${GCR3_LEVELS[Math.ceil(bits / 9) - 1] ?? ''} GCR3 table`,
};

/**
 * AMD-Vi with v1 (host) page tables (platform.pageTable "v1", the Linux default): the same words, but the
 * unit names its mode as configured (AMD_VI_V1 in amd/index.ts carries this record), and an untagged
 * request is translated by the DTE's own page table, with no GCR3 entry.
 */
export const AMD_V1_DESCRIBE: IommuDescribe = {
  ...AMD_DESCRIBE,
  untagged: "the DTE's page table",
  untaggedNode: 'untagged',
  unitTitle: 'IOMMU (AMD-Vi, v1 page tables)',
  unitNode: { label: 'AMD-Vi IOMMU', mode: 'v1 page tables' },
};
