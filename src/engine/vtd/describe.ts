/** Intel VT-d's words (VT-d spec rev 3.x: §3.4-3.8 structures, §6.5.2 queued invalidation, §7.1.3 faults). */
import { FAULT_TEXT, pageLevelLabel, type IommuDescribe, type InvalidationText } from '../iommu/describe.ts';
import type { Invalidation } from '../model.ts';

/** Queued-invalidation descriptor types (VT-d §6.5.2), with what the simulator does with each. */
const VTD_DESCRIPTORS: Readonly<Record<Invalidation['type'], InvalidationText>> = {
  'context-cache': {
    name: 'Context-cache invalidate',
    code: 1,
    what: 'Drops cached context entries of a device (after its context entry changes). Applied when the platform models the context cache (caches "all"), recorded otherwise.',
  },
  iotlb: {
    name: 'IOTLB invalidate',
    code: 2,
    what: 'Drops cached translations of a domain id, all of it or a page range. Applied to the modelled IOTLB.',
  },
  devtlb: {
    name: 'Device-TLB invalidate',
    code: 3,
    what: 'Drops translations an ATS device cached in its own device TLB (type 8 when a PASID is given). Applied when the platform models device TLBs (caches "all", devices added with ats).',
  },
  wait: {
    name: 'Invalidation wait',
    code: 5,
    what: 'Ends a batch: software waits until every earlier descriptor has completed.',
  },
  p_iotlb: {
    name: 'PASID-based IOTLB invalidate',
    code: 6,
    what: 'Drops cached translations of one (domain id, PASID). Applied to the modelled IOTLB.',
  },
  'pasid-cache': {
    name: 'PASID-cache invalidate',
    code: 7,
    what: 'Drops cached PASID-table entries (after one is changed or cleared). Applied when the platform models the PASID cache (caches "all"), recorded otherwise.',
  },
};

export const VTD_DESCRIBE: IommuDescribe = {
  name: 'Intel VT-d',
  tag: { name: 'PASID', short: 'PASID' },
  untagged: 'RID_PASID 0',
  untaggedNode: 'RID_PASID 0',
  domainTag: 'DID',
  iotlbName: 'IOTLB',
  shortName: 'VT-d',
  aShortName: 'a VT-d',
  unitTitle: 'IOMMU (VT-d, scalable mode)',
  unitNode: { label: 'VT-d IOMMU', mode: 'scalable mode' },
  rootTableName: 'Root table',
  tablesTab: 'Root & context',
  deviceTables: 'root-context',
  debugfs: true,
  queue: {
    holds: 'descriptors',
    explain:
      'Hardware does not snoop page-table changes; the driver queues invalidation descriptors (VT-d queued invalidation). By default only the IOTLB is modelled as a cache, so context-cache and PASID-cache descriptors are logged but change nothing; a scenario with platform.caches: "all" (see the cache lab) models the context and PASID caches and ATS device TLBs too.',
  },
  requester: {
    name: 'Requester ID',
    // Short labels: the walk view's strip is narrow on a phone, and the dev/fn detail is the part worth keeping.
    // The bus indexes the root table, devfn the context table (the strip marks each while its read is shown).
    fields: [
      { label: 'bus', hi: 15, lo: 8, structure: 'root' },
      {
        label: 'devfn',
        hi: 7,
        lo: 0,
        structure: 'context',
        detail: (devfn) => `dev ${devfn >>> 3}, fn ${devfn & 7}`,
      },
    ],
  },
  // VT-d §3.4.3 (scalable mode): PASID[19:6] indexes the directory, PASID[5:0] a 64-entry table.
  tagFields: [
    { label: 'PASID directory index', hi: 19, lo: 6, structure: 'pasid-dir' },
    { label: 'PASID table index', hi: 5, lo: 0, structure: 'pasid-table' },
  ],
  levelName: (level) => `PL${level}`,
  structures: {
    root: { label: 'Root entry', words: 4, serves: 'device' },
    context: { label: 'Context entry', words: 8, serves: 'device' },
    'pasid-dir': { label: 'PASID directory entry', words: 2, serves: 'pasid' },
    'pasid-table': { label: 'PASID-table entry', words: 16, serves: 'pasid' },
  },
  pageLevel: pageLevelLabel,
  faults: FAULT_TEXT,
  faultLog: 'fault recording registers',
  reasonName: 'reason',
  commandOf: (inv) => VTD_DESCRIPTORS[inv.type],
  commands: Object.entries(VTD_DESCRIPTORS).map(([type, d]) => ({
    ...d,
    key: type,
    name: `${type} type ${d.code}: ${d.name}`,
  })),
  rowName: (inv) => inv.type,
  invalidationTag: () => 'DID',
  sidName: 'sid',
  entryCaches: { context: 'context cache', pasid: 'PASID cache', atc: 'device TLB' },
  hazards: {
    'stale-iotlb': 'stale IOTLB entry',
    'stale-entry-cache': 'stale context/PASID-cache entry',
    'stale-atc': 'stale device-TLB entry',
  },
  stale: { iotlb: 'the IOTLB entry', atc: 'the device TLB entry', entry: 'a cached context or PASID entry' },
  pasidEntries: 'PASID entries',
  pasidTableName: 'PASID directory',
  pasidTableText: (pdts) => `PDTS ${pdts}: ${2 ** (pdts + 7)} entries`,
};
