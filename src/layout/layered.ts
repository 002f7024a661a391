/**
 * Layered left-to-right layout of the attachment graph: a fixed column per node kind (devices →
 * WQs → mdevs → PASIDs → nested HWPTs → domains → IOASIDs, IOASes, guest tables, processes → VMs; empty columns are dropped), each column as wide
 * as its text needs, rows ordered by barycentre sweeps (left→right, right→left, left→right) to
 * reduce crossings, then packed without overlap. Pure, synchronous and O(n log n), so it lays out a
 * few thousand nodes in milliseconds — the graph's columns are known from the model, so a general
 * layered-layout library (elkjs) would only add an async step and seconds at 2,000 nodes.
 */
import type { TopoNode, TopoNodeKind, Topology } from '../engine/inspect/topology.ts';
import { textWidth } from './textWidth.ts';

export const NODE_H = 36;
export const COL_GAP = 24;
export const ROW_GAP = 12;
/** Font sizes in layout units (styles.css uses the same numbers). */
export const LABEL_PX = 13;
export const DETAIL_PX = 10.5;
export const PAD_X = 13;
const MIN_W = 64;
const MAX_DETAIL_W = 82;

/** Nested HWPTs sit left of their NEST_PARENT; IOASes, guest tables and processes (what a domain translates through) share a column before the VMs. */
const COLUMN: Readonly<Record<TopoNodeKind, number>> = {
  iommu: 0,
  device: 0,
  wq: 1,
  mdev: 2,
  pasid: 3,
  nested: 4,
  domain: 5,
  ioasid: 6,
  ioas: 6,
  process: 6,
  'guest-table': 6,
  vm: 7,
};
const COLUMN_COUNT = 8;

export interface Placed {
  readonly node: TopoNode;
  readonly x: number; // left
  readonly y: number; // top
  readonly w: number;
  /** Column index in the layout (after empty columns are dropped). */
  readonly col: number;
  /** The detail line as drawn (shortened with … to the column width). */
  readonly detail: string;
  /** The cluster the node is drawn in (clusterLayout.ts); absent in the single layered layout. */
  readonly cluster?: string;
}

export interface Column {
  readonly x: number;
  readonly w: number;
  /** The column's nodes, top to bottom. */
  readonly nodes: readonly Placed[];
  /** Some nodes were dragged off the column's x range (culling must check each node's x). */
  readonly loose?: boolean;
}

export interface Layout {
  readonly nodes: readonly Placed[];
  readonly byId: ReadonlyMap<string, Placed>;
  readonly columns: readonly Column[];
  readonly width: number;
  readonly height: number;
  /**
   * 'down': ranks are rows, top to bottom (layeredDown.ts, a portrait phone); a `Column` is then a
   * rank's row and `col` a node's rank. Absent: the left-to-right layout.
   */
  readonly flow?: 'down';
}

const ELLIPSIS_EM = textWidth('…', 1);

/**
 * `text` cut with … to fit `max` px: the longest prefix whose width with the … fits (at least one
 * character). Exported for the tests (test/layout/shorten.test.ts).
 */
export function shorten(text: string, px: number, max: number): string {
  if (textWidth(text, px) <= max) return text;
  // Printable ASCII (every label of a fleet): the prefixes' widths in one pass, summed in the same order as
  // textWidth sums them, so the cut is the one the loop below finds (which measured every prefix again).
  if (/^[\x20-\x7e]*$/.test(text)) {
    let n = 1;
    let em = 0;
    for (let i = 0; i < text.length - 1; i++) {
      em += textWidth(text[i]!, 1);
      if (i >= 1 && (em + ELLIPSIS_EM) * px > max) break;
      n = i + 1;
    }
    return `${text.slice(0, n)}…`;
  }
  let s = text;
  while (s.length > 1 && textWidth(`${s}…`, px) > max) s = s.slice(0, -1);
  return `${s}…`;
}

export interface LayoutOptions {
  /** The widest a detail line may make its column before it is cut with …; exports pass Infinity (whole labels). */
  readonly maxDetailWidth?: number;
}

/**
 * A layout's columns before any node is placed: the nodes by column (empty columns dropped), each
 * column's width (as its text needs) and x. What a cluster's frame needs (clusterLayout.ts), so a
 * fleet's overview is sized without placing its 2,500 nodes.
 */
export interface Frame {
  readonly columns: readonly (readonly TopoNode[])[];
  readonly widths: readonly number[];
  readonly width: number;
  /** The tallest column packed tight: the height of a layout placed with `tight`. */
  readonly height: number;
}

const PITCH = NODE_H + ROW_GAP;

export function frameOf(nodes: readonly TopoNode[], { maxDetailWidth = MAX_DETAIL_W }: LayoutOptions = {}): Frame {
  const byKind: TopoNode[][] = Array.from({ length: COLUMN_COUNT }, () => []);
  for (const n of nodes) byKind[COLUMN[n.kind]]?.push(n);
  const columns = byKind.filter((c) => c.length > 0);
  let width = -COL_GAP;
  let rows = 0;
  const widths = columns.map((col) => {
    let w = MIN_W;
    for (const n of col)
      w = Math.max(
        w,
        textWidth(n.label, LABEL_PX, true) + PAD_X,
        Math.min(maxDetailWidth, textWidth(n.detail, DETAIL_PX)) + PAD_X,
      );
    w = Math.ceil(w);
    width += w + COL_GAP;
    rows = Math.max(rows, col.length);
    return w;
  });
  return { columns, widths, width: Math.max(0, width), height: rows === 0 ? 0 : rows * PITCH - ROW_GAP };
}

/** Where a layout is placed: its origin, its first column's index and its cluster (clusterLayout.ts). */
export interface PlaceAt {
  readonly x: number;
  readonly y: number;
  readonly col0: number;
  readonly cluster: string;
}

/**
 * Where each node of `columns` sits across its column, from barycentre sweeps (left→right,
 * right→left, left→right) that order the nodes to reduce crossings, packed without overlap at
 * `pitchOf(column)` apart. Positions are a node's start (its top in the left-to-right layout);
 * `halfOf(column)` is half a node's extent there, so neighbours of another size are lined up by
 * their centres (the top-to-bottom layout, layeredDown.ts, whose ranks differ in width). Shared by
 * both orientations so they order nodes alike.
 */
export function sweep(
  columns: readonly (readonly TopoNode[])[],
  edges: Topology['edges'],
  pitchOf: (column: number) => number,
  halfOf: (column: number) => number = () => 0,
): Map<string, number> {
  const colOf = new Map<string, number>();
  columns.forEach((col, ci) => col.forEach((n) => colOf.set(n.id, ci)));
  const neighbours = new Map<string, string[]>();
  for (const e of edges) {
    (neighbours.get(e.source) ?? neighbours.set(e.source, []).get(e.source)!).push(e.target);
    (neighbours.get(e.target) ?? neighbours.set(e.target, []).get(e.target)!).push(e.source);
  }
  const y = new Map<string, number>();
  // Place one column: wanted row = mean centre of neighbours already placed on the `side` of it
  // (else keep the previous position / order), then pack top-down without overlap.
  const place = (ci: number, side: (other: number) => boolean) => {
    const col = columns[ci] ?? [];
    const pitch = pitchOf(ci);
    let fallback = 0;
    const wanted = col.map((n, i) => {
      let sum = 0;
      let count = 0;
      for (const m of neighbours.get(n.id) ?? []) {
        const c = colOf.get(m);
        const my = y.get(m);
        if (c !== undefined && c !== ci && side(c) && my !== undefined) {
          sum += my + halfOf(c);
          count++;
        }
      }
      const want = count > 0 ? sum / count - halfOf(ci) : (y.get(n.id) ?? fallback);
      fallback = want + pitch;
      return { n, i, want };
    });
    wanted.sort((a, b) => a.want - b.want || a.i - b.i);
    let next = 0;
    for (const w of wanted) {
      const top = Math.max(next, w.want);
      y.set(w.n.id, top);
      next = top + pitch;
    }
    // Re-centre the packed block on what the column wanted, so it doesn't drift down.
    if (wanted.length > 0) {
      const shift = wanted.reduce((a, w) => a + (y.get(w.n.id)! - w.want), 0) / wanted.length;
      const first = y.get(wanted[0]!.n.id)!;
      const up = Math.min(shift, first);
      if (up > 0) for (const w of wanted) y.set(w.n.id, y.get(w.n.id)! - up);
    }
  };
  for (let ci = 0; ci < columns.length; ci++) place(ci, (c) => c < ci);
  for (let ci = columns.length - 2; ci >= 0; ci--) place(ci, (c) => c > ci);
  for (let ci = 1; ci < columns.length; ci++) place(ci, (c) => c < ci);
  return y;
}

/** Compute node positions. */
export function layoutTopology(topo: Topology, options: LayoutOptions = {}): Layout {
  const { nodes, columns, width, height } = placeFrame(frameOf(topo.nodes, options), topo.edges);
  return { nodes, byId: new Map(nodes.map((p) => [p.node.id, p])), columns, width, height };
}

/**
 * Place a frame's nodes: rows by barycentre sweeps, packed without overlap. `tight` keeps every
 * column within the frame's height (a cluster's box is sized from it before its nodes are placed):
 * a column the sweeps pushed lower is moved up from the bottom, keeping its order.
 */
export function placeFrame(
  frame: Frame,
  edges: Topology['edges'],
  tight = false,
  at: PlaceAt = { x: 0, y: 0, col0: 0, cluster: '' },
): Omit<Layout, 'byId'> {
  const { columns, widths } = frame;
  const y = sweep(columns, edges, () => PITCH);

  const placed: Placed[] = [];
  const cols: Column[] = [];
  let top = Infinity;
  for (const col of columns) for (const n of col) top = Math.min(top, y.get(n.id) ?? 0);
  if (!Number.isFinite(top)) top = 0;
  const rows = Math.round((frame.height + ROW_GAP) / PITCH);
  let x = 0;
  let height = 0;
  columns.forEach((col, ci) => {
    const w = widths[ci]!;
    const inCol = col.map((n) => ({ n, y: (y.get(n.id) ?? 0) - top }));
    inCol.sort((a, b) => a.y - b.y);
    // Packed without overlap, so moving each node up to its lowest row from the bottom keeps them apart.
    if (tight) inCol.forEach((p, i) => (p.y = Math.min(p.y, (rows - inCol.length + i) * PITCH)));
    const [nx, index] = [at.x + x, at.col0 + ci];
    const nodes = inCol.map(({ n, y: ny }): Placed => {
      const detail = shorten(n.detail, DETAIL_PX, w - PAD_X);
      return at.cluster === ''
        ? { node: n, x: nx, y: at.y + ny, w, col: index, detail }
        : { node: n, x: nx, y: at.y + ny, w, col: index, detail, cluster: at.cluster };
    });
    for (const p of nodes) {
      placed.push(p);
      height = Math.max(height, p.y - at.y + NODE_H);
    }
    cols.push({ x: at.x + x, w, nodes });
    x += w + COL_GAP;
  });
  return { nodes: placed, columns: cols, width: Math.max(0, x - COL_GAP), height };
}
