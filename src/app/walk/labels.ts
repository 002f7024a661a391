/** Display text for the walk view: structure names, fault explanations, entry grouping. */
import { formatSize } from '../../engine/index.ts';

const STRUCTURE_LABELS: Record<string, string> = {
  root: 'Root entry',
  context: 'Context entry',
  'pasid-dir': 'PASID directory entry',
  'pasid-table': 'PASID-table entry',
  'ste-l1': 'L1 stream-table descriptor (ste-l1)',
  ste: 'Stream table entry (ste)',
  'cd-l1': 'L1 context-descriptor entry (cd-l1)',
  cd: 'Context descriptor (cd)',
  dte: 'Device table entry (dte)',
  'gcr3-l1': 'GCR3 level-1 entry (gcr3-l1)',
  gcr3: 'GCR3 table entry (gcr3)',
};

/** Display name of a walk structure; on SMMUv3 page levels also give Arm's level number (pl4 = L0). */
export function structureLabel(structure: string, iommu?: string): string {
  const known = STRUCTURE_LABELS[structure];
  if (known) return known;
  const base = structure.toUpperCase().replace('S1-', 'S1 ').replace('S2-', 'S2 ');
  const m = /^pl([1-5])$/.exec(structure);
  if (m && iommu === 'smmuv3') return `${base} (Arm L${4 - Number(m[1])})`;
  return base;
}

/** One sentence per MODEL.md fault name. */
const FAULT_EXPLANATIONS: Record<string, string> = {
  'no-context':
    'The root or context entry for this requester ID is not present: no domain has been attached to the device (or it was detached).',
  'no-pasid':
    'The PASID directory or PASID-table entry for this PASID is not present: nothing is attached at this PASID.',
  blocked:
    'The requester ID or PASID is attached to a BLOCKED domain, whose entry is torn down so every DMA is refused.',
  'not-mapped': 'A page-table entry along the walk is not present: this address is not mapped in the domain.',
  'write-denied': 'The page is mapped but its entries do not grant write (W=0), so the write is refused.',
  'read-denied': 'The page is mapped but its entries do not grant read (R=0), so the read is refused.',
  'beyond-width':
    "The address has bits set above the domain's address width, so it is refused before any page-table read.",
};

/** What the no-context / no-pasid faults mean on the other back-ends (the structures differ). */
const VENDOR_FAULTS: Record<string, Record<string, string>> = {
  smmuv3: {
    'no-context':
      'The L1 stream-table descriptor or the STE for this StreamID is not valid (or the STE aborts): no domain is attached to the device (SMMU event C_BAD_STE).',
    'no-pasid':
      'The L1 CD descriptor or the context descriptor for this SubstreamID is not valid: nothing is attached at this PASID (C_BAD_CD / C_BAD_SUBSTREAMID).',
    'not-mapped':
      'A stage-1 (Arm LPAE) descriptor along the walk is invalid: this address is not mapped in the domain (F_TRANSLATION).',
    'write-denied': 'The page is mapped read-only (AP[2] = 1), so the write is refused (F_PERMISSION).',
  },
  'amd-vi': {
    'no-context':
      'The device table entry for this DeviceID is not valid: no domain is attached to the device (ILLEGAL_DEV_TABLE_ENTRY).',
    'no-pasid': 'The GCR3 entry for this PASID is not valid: nothing is attached at this PASID (IO_PAGE_FAULT).',
    'not-mapped':
      'A v2 (x86-64) page-table entry along the walk is not present: this address is not mapped in the domain (IO_PAGE_FAULT).',
    'write-denied': 'The page is mapped without R/W, so the write is refused (IO_PAGE_FAULT).',
  },
};

export function faultExplanation(fault: string, iommu: string = 'vtd'): string {
  return VENDOR_FAULTS[iommu]?.[fault] ?? FAULT_EXPLANATIONS[fault] ?? 'The IOMMU refused this request.';
}

const QWORDS: Record<string, number> = { root: 2, context: 4, 'pasid-dir': 1, 'pasid-table': 8, ste: 8, cd: 8, dte: 4 };

/** An entry's qwords, highest first, each as four groups of four hex digits. */
export function entryQwords(structure: string, entryHex: string): { index: number; text: string }[] {
  const count = QWORDS[structure] ?? 1;
  const digits = BigInt(entryHex)
    .toString(16)
    .padStart(count * 16, '0');
  const out: { index: number; text: string }[] = [];
  for (let q = count - 1; q >= 0; q--) {
    const start = digits.length - (q + 1) * 16;
    const s = digits.slice(start, start + 16);
    out.push({ index: q, text: s.match(/.{4}/g)?.join('_') ?? s });
  }
  return out;
}

export function pageSizeLabel(bytes: number): string {
  return formatSize(bytes);
}
