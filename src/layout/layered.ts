/**
 * Layered left-to-right layout of the attachment graph: a fixed column per node kind (devices →
 * WQs → mdevs → PASIDs → domains → IOASIDs → VMs), rows ordered by the barycentre of each node's
 * already placed neighbours, then packed without overlap. Pure, synchronous and O(n log n), so it
 * lays out a few thousand nodes in milliseconds — the graph's columns are known from the model,
 * so a general layered-layout library (elkjs) would only add an async step and seconds at 2,000 nodes.
 */
import type { TopoNode, TopoNodeKind, Topology } from '../engine/inspect/topology.ts';

export const NODE_W = 140;
export const NODE_H = 36;
export const COL_GAP = 48;
export const ROW_GAP = 12;

const COLUMN: Readonly<Record<TopoNodeKind, number>> = { iommu: 0, device: 0, wq: 1, mdev: 2, pasid: 3, domain: 4, ioasid: 5, vm: 6 };

export interface Placed {
  readonly node: TopoNode;
  readonly x: number; // left
  readonly y: number; // top
}

export interface Layout {
  readonly nodes: readonly Placed[];
  readonly byId: ReadonlyMap<string, Placed>;
  readonly width: number;
  readonly height: number;
}

/** Compute node positions. */
export function layoutTopology(topo: Topology): Layout {
  const columns: TopoNode[][] = [[], [], [], [], [], [], []];
  for (const n of topo.nodes) columns[COLUMN[n.kind]]?.push(n);
  const neighbours = new Map<string, string[]>();
  for (const e of topo.edges) {
    (neighbours.get(e.source) ?? neighbours.set(e.source, []).get(e.source)!).push(e.target);
    (neighbours.get(e.target) ?? neighbours.set(e.target, []).get(e.target)!).push(e.source);
  }
  const y = new Map<string, number>();
  const pitch = NODE_H + ROW_GAP;
  columns.forEach((col, ci) => {
    // Wanted row: mean y of neighbours already placed (columns to the left), else keep order.
    const wanted = col.map((n, i) => {
      const ys = (neighbours.get(n.id) ?? []).map((m) => y.get(m)).filter((v): v is number => v !== undefined);
      return { n, i, want: ys.length > 0 ? ys.reduce((a, b) => a + b, 0) / ys.length : ci === 0 ? i * pitch : Number.NaN };
    });
    let fallback = 0;
    for (const w of wanted) {
      if (Number.isNaN(w.want)) w.want = fallback;
      fallback = w.want + pitch;
    }
    wanted.sort((a, b) => a.want - b.want || a.i - b.i);
    let next = 0;
    for (const w of wanted) {
      const top = Math.max(next, w.want);
      y.set(w.n.id, top);
      next = top + pitch;
    }
  });
  const placed: Placed[] = [];
  let height = 0;
  let width = 0;
  columns.forEach((col, ci) => {
    for (const n of col) {
      const p = { node: n, x: ci * (NODE_W + COL_GAP), y: y.get(n.id) ?? 0 };
      placed.push(p);
      height = Math.max(height, p.y + NODE_H);
      width = Math.max(width, p.x + NODE_W);
    }
  });
  return { nodes: placed, byId: new Map(placed.map((p) => [p.node.id, p])), width, height };
}

/** A cubic path from the right side of `a` to the left side of `b` (or between sides when b is left of a). */
export function edgePath(a: Placed, b: Placed): string {
  const forward = b.x >= a.x;
  const x1 = forward ? a.x + NODE_W : a.x;
  const x2 = forward ? b.x : b.x + NODE_W;
  const y1 = a.y + NODE_H / 2;
  const y2 = b.y + NODE_H / 2;
  const dx = Math.max(30, Math.abs(x2 - x1) / 2) * (forward ? 1 : -1);
  return `M${x1},${y1} C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}`;
}
