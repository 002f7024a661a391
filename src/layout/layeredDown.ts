/**
 * The layered layout turned top to bottom, for a portrait phone (docs/graph.md): the same ranks by
 * node kind as layered.ts (devices → WQs → mdevs → PASIDs → … → VMs), each a row, its nodes side by
 * side at the width their rank's text needs, ordered by the same barycentre sweeps. The seed's seven
 * columns are ~820 px wide (a phone shows ~520 at a readable zoom); as rows it is ~440 × 420.
 * Reading down follows a DMA's story, and each edge is a short drop from one row to the next. Pure.
 */
import type { Topology } from '../engine/inspect/topology.ts';
import {
  DETAIL_PX,
  frameOf,
  NODE_H,
  PAD_X,
  shorten,
  sweep,
  type Column,
  type Layout,
  type LayoutOptions,
  type Placed,
} from './layered.ts';

/** Between two ranks: room for the edges' bends (a little more than COL_GAP, for the PASID labels over a node). */
export const RANK_GAP = 28;
/** Between two nodes of a rank: the room an edge crossing the rank passes through. */
export const NODE_GAP = 12;
export const RANK_PITCH = NODE_H + RANK_GAP;

export function layoutTopologyDown(topo: Topology, options: LayoutOptions = {}): Layout {
  const { columns, widths } = frameOf(topo.nodes, options);
  const x = sweep(
    columns,
    topo.edges,
    (r) => widths[r]! + NODE_GAP,
    (r) => widths[r]! / 2,
  );
  let left = Infinity;
  for (const n of topo.nodes) left = Math.min(left, x.get(n.id) ?? 0);
  if (!Number.isFinite(left)) left = 0;
  const nodes: Placed[] = [];
  const ranks: Column[] = [];
  let width = 0;
  columns.forEach((rank, r) => {
    const w = widths[r]!;
    const y = r * RANK_PITCH;
    const row = rank
      .map((node): Placed => ({
        node,
        x: (x.get(node.id) ?? 0) - left,
        y,
        w,
        col: r,
        detail: shorten(node.detail, DETAIL_PX, w - PAD_X),
      }))
      .sort((a, b) => a.x - b.x);
    nodes.push(...row);
    const x0 = row[0]!.x;
    const x1 = row[row.length - 1]!.x + w;
    width = Math.max(width, x1);
    // Every node of a row has the same y, so culling (visible.ts) checks each node's x: `loose`.
    ranks.push({ x: x0, w: x1 - x0, nodes: row, loose: true });
  });
  const height = columns.length === 0 ? 0 : columns.length * RANK_PITCH - RANK_GAP;
  return { nodes, byId: new Map(nodes.map((p) => [p.node.id, p])), columns: ranks, width, height, flow: 'down' };
}
