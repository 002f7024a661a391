/**
 * What differs between the two Compare panes, as data (pure; the page only renders it): the
 * outcome of the two DMAs shown (translated where, or which fault; IOTLB hit or miss), how many
 * memory reads each walk took and which rows differ, the walk structures only one design reads,
 * the attachment-graph nodes only one side has, and how many steps each IOMMU refused.
 */
import { hex, type DmaResult, type EngineState, type WalkStep } from '../../engine/index.ts';
import { topologyOf } from '../../engine/inspect/topology.ts';

export interface DiffDma {
  readonly result: DmaResult;
  readonly walk: readonly WalkStep[];
}

export interface DiffSide {
  readonly state: EngineState;
  readonly refused: number;
  readonly dma: DiffDma | undefined;
}

export interface OutcomeText {
  /** `translated → 0x40002000` or `fault not-mapped`, `no DMA` when the pane has none. */
  readonly text: string;
  /** `hit`, `miss` or '' (a fault or no DMA). */
  readonly iotlb: string;
}

/** How a walk row compares with the row at the same position on the other side. */
export type RowMark = 'same' | 'differs' | 'only';

export interface CompareDiff {
  readonly outcome: { readonly a: OutcomeText; readonly b: OutcomeText; readonly same: boolean };
  readonly reads: { readonly a: number; readonly b: number; readonly same: boolean };
  readonly structures: {
    readonly onlyA: readonly string[];
    readonly onlyB: readonly string[];
    readonly common: readonly string[];
  };
  readonly rows: { readonly a: readonly RowMark[]; readonly b: readonly RowMark[] };
  /** Graph node ids on one side only, and on both sides with a different detail line (DID vs ASID…). */
  readonly nodes: {
    readonly onlyA: readonly string[];
    readonly onlyB: readonly string[];
    readonly changed: readonly string[];
  };
  readonly refused: { readonly a: number; readonly b: number; readonly same: boolean };
  /** Nothing above differs. */
  readonly same: boolean;
}

export function outcomeText(dma: DiffDma | undefined): OutcomeText {
  if (dma === undefined) return { text: 'no DMA', iotlb: '' };
  const r = dma.result;
  if (r.outcome === 'translated') return { text: `translated → ${hex(r.pa)}`, iotlb: r.iotlb };
  return { text: `fault ${r.fault}`, iotlb: '' };
}

const structuresOf = (dma: DiffDma | undefined) => [...new Set((dma?.walk ?? []).map((s) => s.structure))];
const rowSame = (x: WalkStep, y: WalkStep | undefined) =>
  y !== undefined && x.structure === y.structure && x.index === y.index && x.entry === y.entry;

function rowMarks(mine: readonly WalkStep[], other: readonly WalkStep[]): RowMark[] {
  return mine.map((s, i) => (i >= other.length ? 'only' : rowSame(s, other[i]) ? 'same' : 'differs'));
}

/** The difference between pane A and pane B. */
export function compareDiff(a: DiffSide, b: DiffSide): CompareDiff {
  const oa = outcomeText(a.dma);
  const ob = outcomeText(b.dma);
  const sa = structuresOf(a.dma);
  const sb = structuresOf(b.dma);
  const na = new Map(topologyOf(a.state).nodes.map((n) => [n.id, n.detail]));
  const nb = new Map(topologyOf(b.state).nodes.map((n) => [n.id, n.detail]));
  const wa = a.dma?.walk ?? [];
  const wb = b.dma?.walk ?? [];
  const diff = {
    outcome: { a: oa, b: ob, same: oa.text === ob.text && oa.iotlb === ob.iotlb },
    reads: { a: wa.length, b: wb.length, same: wa.length === wb.length },
    structures: {
      onlyA: sa.filter((s) => !sb.includes(s)),
      onlyB: sb.filter((s) => !sa.includes(s)),
      common: sa.filter((s) => sb.includes(s)),
    },
    rows: { a: rowMarks(wa, wb), b: rowMarks(wb, wa) },
    nodes: {
      onlyA: [...na.keys()].filter((n) => !nb.has(n)),
      onlyB: [...nb.keys()].filter((n) => !na.has(n)),
      changed: [...na].filter(([n, d]) => nb.has(n) && nb.get(n) !== d).map(([n]) => n),
    },
    refused: { a: a.refused, b: b.refused, same: a.refused === b.refused },
  };
  const same =
    diff.outcome.same &&
    diff.reads.same &&
    diff.rows.a.every((m) => m === 'same') &&
    diff.structures.onlyA.length +
      diff.structures.onlyB.length +
      diff.nodes.onlyA.length +
      diff.nodes.onlyB.length +
      diff.nodes.changed.length ===
      0 &&
    diff.refused.same;
  return { ...diff, same };
}
