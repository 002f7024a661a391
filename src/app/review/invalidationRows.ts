/** The invalidation descriptor log in review form: type numbers, targets and hazard flags. */
import { describeOf, type EngineState, type Invalidation, type IommuKind } from '../../engine/index.ts';
import { ridBdf } from '../../engine/index.ts';

/** The command one record stands for, in its IOMMU's words (VT-d: descriptor type 2; SMMUv3: CMD_TLBI_NH_VA…). */
export function commandOf(iommu: IommuKind, inv: Invalidation): { code: number; name: string; what: string } {
  return describeOf(iommu).commandOf(inv);
}

/** The legend of the lab: the commands this IOMMU issues. */
export function commandLegend(iommu: IommuKind): readonly { key: string; code: number; name: string; what: string }[] {
  return describeOf(iommu).commands;
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
export function targetOf(inv: Invalidation, iommu: IommuKind): string {
  const parts: string[] = [];
  const words = describeOf(iommu);
  if (inv.sid !== undefined) parts.push(`${words.sidName} ${ridBdf(inv.sid)}`);
  if (inv.did !== undefined) parts.push(`${words.invalidationTag(inv)} ${inv.did}`);
  if (inv.pasid !== undefined) parts.push(`${words.tag.short} ${inv.pasid}`);
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
    const words = describeOf(state.platform.iommu);
    const name = words.rowName(inv);
    return { inv, code: words.commandOf(inv).code, name, target: targetOf(inv, state.platform.iommu), status };
  });
}

/** How the engine's hazard kinds read in the UI, in the platform's words (VT-d's without one). */
export function hazardLabel(kind: string | undefined, iommu: IommuKind): string {
  const hazards: Readonly<Record<string, string>> = describeOf(iommu).hazards;
  return hazards[kind ?? ''] ?? 'stale cached entry';
}
