/** The invalidation descriptor log in review form: type numbers, targets and hazard flags. */
import { SMMU_COMMANDS, smmuCommandOf, type EngineState, type Invalidation } from '../../engine/index.ts';
import { sidText } from './faultRows.ts';

/** Queued-invalidation descriptor types (VT-d §6.5.2), with what the simulator does with each. */
export const DESCRIPTOR_TYPES: readonly { type: Invalidation['type']; code: number; name: string; what: string }[] = [
  {
    type: 'context-cache',
    code: 1,
    name: 'Context-cache invalidate',
    what: 'Drops cached context entries of a device (after its context entry changes). Applied when the platform models the context cache (caches "all"), recorded otherwise.',
  },
  {
    type: 'iotlb',
    code: 2,
    name: 'IOTLB invalidate',
    what: 'Drops cached translations of a domain id, all of it or a page range. Applied to the modelled IOTLB.',
  },
  {
    type: 'devtlb',
    code: 3,
    name: 'Device-TLB invalidate',
    what: 'Drops translations an ATS device cached in its own device TLB (type 8 when a PASID is given). Applied when the platform models device TLBs (caches "all", devices added with ats).',
  },
  {
    type: 'wait',
    code: 5,
    name: 'Invalidation wait',
    what: 'Ends a batch: software waits until every earlier descriptor has completed.',
  },
  {
    type: 'p_iotlb',
    code: 6,
    name: 'PASID-based IOTLB invalidate',
    what: 'Drops cached translations of one (domain id, PASID). Applied to the modelled IOTLB.',
  },
  {
    type: 'pasid-cache',
    code: 7,
    name: 'PASID-cache invalidate',
    what: 'Drops cached PASID-table entries (after one is changed or cleared). Applied when the platform models the PASID cache (caches "all"), recorded otherwise.',
  },
];

export const codeOf = (t: Invalidation['type']) => DESCRIPTOR_TYPES.find((d) => d.type === t)?.code ?? 0;

/** The command one record stands for, in its IOMMU's words (SMMUv3: CMD_CFGI_STE, CMD_TLBI_NH_VA…). */
export function commandOf(
  iommu: EngineState['platform']['iommu'],
  inv: Invalidation,
): { code: number; name: string; what: string } {
  if (iommu === 'smmuv3') return smmuCommandOf(inv);
  const d = DESCRIPTOR_TYPES.find((x) => x.type === inv.type);
  return { code: d?.code ?? 0, name: d?.name ?? inv.type, what: d?.what ?? '' };
}

/** The legend of the lab: the commands this IOMMU issues. */
export function commandLegend(
  iommu: EngineState['platform']['iommu'],
): readonly { key: string; code: number; name: string; what: string }[] {
  if (iommu === 'smmuv3') return SMMU_COMMANDS.map((c) => ({ key: c.name, ...c }));
  return DESCRIPTOR_TYPES.map((d) => ({
    key: d.type,
    code: d.code,
    name: `${d.type} type ${d.code}: ${d.name}`,
    what: d.what,
  }));
}

export type RowStatus = 'done' | 'skipped' | 'queued' | 'flushed-later';

export interface InvalidationRow {
  readonly inv: Invalidation;
  /** The descriptor type (VT-d) or command opcode (SMMUv3). */
  readonly code: number;
  /** The IOMMU's name for it: the engine's record type on VT-d, the command on SMMUv3. */
  readonly name: string;
  readonly target: string;
  readonly status: RowStatus;
}

/** What a descriptor covers, in words: `DID 2 pages 0x10-0x10`, `DID 2 PASID 5`, `sid 3b:00.0`. */
export function targetOf(inv: Invalidation, iommu: EngineState['platform']['iommu'] = 'vtd'): string {
  const parts: string[] = [];
  const smmu = iommu === 'smmuv3';
  if (inv.sid !== undefined) parts.push(`${smmu ? 'StreamID' : 'sid'} ${sidText(inv.sid)}`);
  // SMMUv3 TLB commands carry an ASID (stage 1) or a VMID (stage 2, and NH_ALL's scope).
  const tag = !smmu ? 'DID' : inv.stage === 2 || inv.granularity === 'global' ? 'VMID' : 'ASID';
  if (inv.did !== undefined) parts.push(`${tag} ${inv.did}`);
  if (inv.pasid !== undefined) parts.push(`${smmu ? 'SSID' : 'PASID'} ${inv.pasid}`);
  if (inv.addr !== undefined) {
    const pages = inv.pages ?? 1;
    parts.push(`IOVA 0x${(inv.addr * 4096).toString(16)} (${pages} page${pages === 1 ? '' : 's'})`);
  }
  return parts.length === 0 ? 'all' : parts.join(' ');
}

/** Rows of the log, oldest first; a deferred row is `queued` while the flush queue still holds it. */
export function invalidationRows(state: EngineState): InvalidationRow[] {
  return state.invalidations.map((inv) => {
    let status: RowStatus = inv.state === 'deferred' ? 'flushed-later' : inv.state;
    if (
      inv.state === 'deferred' &&
      state.flushQueue.some((q) => q.did === inv.did && q.iovaPfn === inv.addr && q.pages === inv.pages)
    )
      status = 'queued';
    const cmd = commandOf(state.platform.iommu, inv);
    const name = state.platform.iommu === 'smmuv3' ? cmd.name : inv.type;
    return { inv, code: cmd.code, name, target: targetOf(inv, state.platform.iommu), status };
  });
}

/** How the engine's hazard kinds read in the UI. */
export const HAZARD_LABEL: Readonly<Record<string, string>> = {
  'stale-iotlb': 'stale IOTLB entry',
  'stale-entry-cache': 'stale context/PASID-cache entry',
  'stale-atc': 'stale device-TLB entry',
};

/** SMMUv3's words for the same hazards: its TLB, STE/CD configuration cache and the device's ATC. */
const SMMU_HAZARD_LABEL: Readonly<Record<string, string>> = {
  'stale-iotlb': 'stale TLB entry',
  'stale-entry-cache': 'stale STE/CD-cache entry',
  'stale-atc': 'stale ATC entry',
};

export function hazardLabel(kind: string | undefined, iommu?: EngineState['platform']['iommu']): string {
  return (iommu === 'smmuv3' ? SMMU_HAZARD_LABEL : HAZARD_LABEL)[kind ?? ''] ?? 'stale cached entry';
}
