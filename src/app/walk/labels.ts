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
  'no-context': 'The root or context entry for this requester ID is not present: no domain has been attached to the device (or it was detached).',
  'no-pasid': 'The PASID directory or PASID-table entry for this PASID is not present: nothing is attached at this PASID.',
  blocked: 'The requester ID or PASID is attached to a BLOCKED domain, whose entry is torn down so every DMA is refused.',
  'not-mapped': 'A second-stage page-table entry along the walk is not present: this address is not mapped in the domain.',
  'write-denied': 'The page is mapped but its entries do not grant write (W=0), so the write is refused.',
  'read-denied': 'The page is mapped but its entries do not grant read (R=0), so the read is refused.',
  'beyond-width': "The address has bits set above the domain's address width, so it is refused before any page-table read.",
};

export function faultExplanation(fault: string): string {
  return FAULT_EXPLANATIONS[fault] ?? 'The IOMMU refused this request.';
}

const QWORDS: Record<string, number> = { root: 2, context: 4, 'pasid-dir': 1, 'pasid-table': 8, ste: 8, cd: 8, dte: 4 };

/** An entry's qwords, highest first, each as four groups of four hex digits. */
export function entryQwords(structure: string, entryHex: string): { index: number; text: string }[] {
  const count = QWORDS[structure] ?? 1;
  const digits = BigInt(entryHex).toString(16).padStart(count * 16, '0');
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
