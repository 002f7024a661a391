/**
 * Arm SMMUv3's words (SMMUv3 spec §3.3 structures, §4 commands, §7.3 events; Linux
 * arm-smmu-v3.c names): StreamID and SubstreamID, STE and CD, ASID/VMID, the event queue.
 */
import { FAULT_TEXT, pageLevelLabel, type IommuDescribe } from '../iommu/describe.ts';
import { SMMU_COMMANDS, SMMU_ENTRY_CACHES, SMMU_STALE_ENTRY, smmuCommandOf } from './commands.ts';
import { CTXDESC_SPLIT, STRTAB_SPLIT } from './layout.ts';

/** Page levels also give Arm's own level number: pl4 is L0 of a 48-bit table. */
function armLevel(name: string): string {
  const m = /pl([1-5])$/.exec(name);
  return m ? `${pageLevelLabel(name)} (Arm L${4 - Number(m[1])})` : pageLevelLabel(name);
}

export const SMMU_DESCRIBE: IommuDescribe = {
  name: 'Arm SMMUv3',
  tag: { name: 'SubstreamID', short: 'SSID' },
  untagged: 'CD 0 via S1DSS',
  untaggedNode: 'SSID 0',
  domainTag: 'ASID',
  iotlbName: 'TLB',
  shortName: 'SMMUv3',
  aShortName: 'an SMMUv3',
  unitTitle: 'IOMMU (Arm SMMUv3, stage 1)',
  unitNode: { label: 'SMMUv3', mode: 'stage 1, 2-level tables' },
  rootTableName: 'Stream table',
  tablesTab: 'Stream table & CDs',
  deviceTables: 'vendor',
  debugfs: false,
  queue: {
    holds: 'commands',
    explain:
      'The SMMU does not snoop its tables either; the driver writes commands to the command queue and ends each batch with CMD_SYNC. Every STE or CD write is followed by CMD_CFGI_STE or CMD_CFGI_CD; TLB invalidations go by ASID (stage 1) or VMID (stage 2). By default only the TLB is modelled as a cache, so CFGI commands are logged but change nothing; with platform.caches: "all" the STE and CD caches and ATS devices\' ATCs are modelled too.',
  },
  requester: {
    name: 'StreamID',
    // A two-level stream table split at STRTAB_SPLIT = 8 (smmu/layout.ts): bus → L1 descriptor, devfn → STE.
    fields: [
      { label: 'L1 index (bus)', hi: 15, lo: STRTAB_SPLIT, structure: 'ste-l1' },
      { label: 'STE index (devfn)', hi: STRTAB_SPLIT - 1, lo: 0, structure: 'ste' },
    ],
  },
  // Two-level CD tables split at CTXDESC_SPLIT = 10; a linear table (≤ 1,024 CDs) is read as `cd` alone.
  tagFields: [
    { label: 'L1 CD index', hi: 19, lo: CTXDESC_SPLIT, structure: 'cd-l1' },
    { label: 'CD index', hi: CTXDESC_SPLIT - 1, lo: 0, structure: 'cd' },
  ],
  levelName: (level) => `L${4 - level}`,
  structures: {
    'ste-l1': { label: 'L1 stream-table descriptor (ste-l1)', words: 2, serves: 'device' },
    ste: { label: 'Stream table entry (ste)', words: 16, serves: 'device' },
    'cd-l1': { label: 'L1 context-descriptor entry (cd-l1)', words: 2, serves: 'pasid' },
    cd: { label: 'Context descriptor (cd)', words: 16, serves: 'pasid' },
  },
  pageLevel: armLevel,
  faults: {
    ...FAULT_TEXT,
    'no-context':
      'The L1 stream-table descriptor or the STE for this StreamID is not valid (or the STE aborts): no domain is attached to the device (SMMU event C_BAD_STE).',
    'no-pasid':
      'The L1 CD descriptor or the context descriptor for this SubstreamID is not valid: nothing is attached at this PASID (C_BAD_CD / C_BAD_SUBSTREAMID).',
    'not-mapped':
      'A stage-1 (Arm LPAE) descriptor along the walk is invalid: this address is not mapped in the domain (F_TRANSLATION).',
    'write-denied': 'The page is mapped read-only (AP[2] = 1), so the write is refused (F_PERMISSION).',
  },
  faultLog: 'event queue',
  reasonName: 'event id',
  commandOf: smmuCommandOf,
  commands: SMMU_COMMANDS.map((c) => ({ ...c, key: c.name })),
  rowName: (inv) => smmuCommandOf(inv).name,
  // TLB commands carry an ASID (stage 1) or a VMID (stage 2, and NH_ALL's scope).
  invalidationTag: (inv) => (inv.stage === 2 || inv.granularity === 'global' ? 'VMID' : 'ASID'),
  sidName: 'StreamID',
  entryCaches: SMMU_ENTRY_CACHES,
  hazards: {
    'stale-iotlb': 'stale TLB entry',
    'stale-entry-cache': 'stale STE/CD-cache entry',
    'stale-atc': 'stale ATC entry',
  },
  stale: { iotlb: 'the TLB entry', atc: "the device's ATC entry", entry: SMMU_STALE_ENTRY },
  pasidEntries: 'Context descriptors',
  pasidTableName: 'CD table',
  pasidTableText: (bits) => `S1CDMax ${bits}: ${2 ** bits} context descriptors`,
};
