/**
 * Arrow-key moves in the graph (as xyflow's keyboard navigation): from a node to the node in the
 * arrow's direction, preferring the nodes it is connected to, then any node (so ↑/↓ walk a
 * column). Closest in that direction wins, sideways distance counting double. Pure.
 */
import { NODE_H, type Layout, type Placed } from '../../layout/layered.ts';

export type Direction = 'left' | 'right' | 'up' | 'down';

export const ARROW_KEYS: Readonly<Record<string, Direction>> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

const VECTOR: Readonly<Record<Direction, readonly [number, number]>> = {
  left: [-1, 0],
  right: [1, 0],
  up: [0, -1],
  down: [0, 1],
};

/** Anything with a place on the graph: a node's box, a cluster's frame. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

const nodeBox = (p: Placed): Box => ({ x: p.x, y: p.y, w: p.w, h: NODE_H });

/** The candidate closest to `from` in direction `dir` (sideways distance counting double), or null. */
export function toward<T>(from: Box, candidates: Iterable<T>, boxOf: (c: T) => Box, dir: Direction): T | null {
  const fx = from.x + from.w / 2;
  const fy = from.y + from.h / 2;
  const [dx, dy] = VECTOR[dir];
  let out: T | null = null;
  let score = Infinity;
  for (const c of candidates) {
    const b = boxOf(c);
    const cx = b.x + b.w / 2;
    const cy = b.y + b.h / 2;
    const ahead = (cx - fx) * dx + (cy - fy) * dy;
    if (ahead <= 1) continue;
    const side = Math.abs((cx - fx) * dy - (cy - fy) * dx);
    const s = ahead + 2 * side;
    if (s < score) {
      score = s;
      out = c;
    }
  }
  return out;
}

const best = (from: Placed, candidates: Iterable<Placed>, dir: Direction) =>
  toward(nodeBox(from), candidates, nodeBox, dir);

/** The node an arrow moves to from `fromId`, or null when there is none that way. */
export function nextNode(layout: Layout, neighbours: Iterable<string>, fromId: string, dir: Direction): string | null {
  const from = layout.byId.get(fromId);
  if (!from) return null;
  const linked = [...neighbours].map((id) => layout.byId.get(id)).filter((p): p is Placed => p !== undefined);
  return (best(from, linked, dir) ?? best(from, layout.nodes, dir))?.node.id ?? null;
}
