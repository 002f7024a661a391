/**
 * Edge paths for the layered layout: an edge leaves the right side of its left node and enters the
 * left side of its right node; when it spans columns, it crosses each column in between through
 * the gap between two rows nearest its straight line, so it never runs through a node. The
 * waypoints are joined like d3-shape's curveBumpX (horizontal tangents: S-bends in the column gaps,
 * straight runs through the row gaps). In the top-to-bottom layout (layeredDown.ts) the same turned
 * a quarter: an edge leaves its upper node's bottom and enters the lower node's top, crossing the
 * rows in between through the gaps between their nodes, joined like curveBumpY. Pure.
 */
import { NODE_H, ROW_GAP, type Column, type Layout, type Placed } from './layered.ts';
import { NODE_GAP } from './layeredDown.ts';

type Point = readonly [number, number];

const r = (v: number) => Math.round(v * 10) / 10;

/**
 * d3-shape's curveBumpX (`x`: horizontal tangents, control points at mid-x) or curveBumpY (`y`:
 * vertical tangents, at mid-y) written out, one cubic per segment.
 */
function bumpPath(points: readonly Point[], axis: 'x' | 'y'): string {
  let d = '';
  points.forEach(([x, y], i) => {
    if (i === 0) d = `M${r(x)},${r(y)}`;
    else {
      const [px, py] = points[i - 1]!;
      const mx = r((px + x) / 2);
      const my = r((py + y) / 2);
      d += axis === 'x' ? `C${mx},${r(py)},${mx},${r(y)},` : `C${r(px)},${my},${r(x)},${my},`;
      d += `${r(x)},${r(y)}`;
    }
  });
  return d;
}

/**
 * A coordinate near `want` clear of every node of `nodes` (sorted by `start`), with `gap` between
 * two of them: the gap nearest `want` when it falls on a node (binary search).
 */
function lane(
  nodes: readonly Placed[],
  want: number,
  start: (p: Placed) => number,
  end: (p: Placed) => number,
  gap: number,
): number {
  let lo = 0;
  let hi = nodes.length;
  // First node whose end (plus half a gap) is past `want`.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (end(nodes[mid]!) + gap / 2 <= want) lo = mid + 1;
    else hi = mid;
  }
  const hit = nodes[lo];
  if (hit === undefined || start(hit) - gap / 2 >= want) return want; // already in a gap
  const before = start(hit) - gap / 2;
  const after = end(hit) + gap / 2;
  return want - before <= after - want ? before : after;
}

/** A y inside `col` near `want` that is clear of every node of the column (binary search). */
export function laneY(col: Column, want: number): number {
  return lane(
    col.nodes,
    want,
    (p) => p.y,
    (p) => p.y + NODE_H,
    ROW_GAP,
  );
}

/** An x inside a rank's row (the top-to-bottom layout) near `want`, clear of every node of the row. */
export function laneX(row: Column, want: number): number {
  return lane(
    row.nodes,
    want,
    (p) => p.x,
    (p) => p.x + p.w,
    NODE_GAP,
  );
}

/** An edge of the top-to-bottom layout: from the upper node's bottom to the lower one's top. */
function routeDown(layout: Layout, a: Placed, b: Placed): string {
  if (a.col === b.col) {
    // Same rank: a loop out of the bottom.
    const y = a.y + NODE_H;
    const x1 = a.x + a.w / 2;
    const x2 = b.x + b.w / 2;
    return `M${x1},${y} C${x1},${y + 30} ${x2},${y + 30} ${x2},${y}`;
  }
  const [u, d] = a.col < b.col ? [a, b] : [b, a];
  const start: Point = [u.x + u.w / 2, u.y + NODE_H];
  const end: Point = [d.x + d.w / 2, d.y];
  const points: Point[] = [start];
  for (let c = u.col + 1; c < d.col; c++) {
    const row = layout.columns[c];
    const first = row?.nodes[0];
    if (row === undefined || first === undefined) continue;
    const t = (first.y + NODE_H / 2 - start[1]) / (end[1] - start[1]);
    const x = laneX(row, start[0] + t * (end[0] - start[0]));
    points.push([x, first.y - 2], [x, first.y + NODE_H + 2]);
  }
  points.push(end);
  return bumpPath(a.col < b.col ? points : points.reverse(), 'y');
}

/** The SVG path of an edge between two placed nodes. */
export function routeEdge(layout: Layout, a: Placed, b: Placed): string {
  if (layout.flow === 'down') return routeDown(layout, a, b);
  if (a.cluster !== b.cluster) {
    // Between two clusters (clusterLayout.ts): one S-curve from side to side; the columns in
    // between belong to other clusters, so there are no lanes to keep to.
    const [l, r] = a.x <= b.x ? [a, b] : [b, a];
    const start: Point = [l.x + l.w, l.y + NODE_H / 2];
    const end: Point = r.x >= l.x + l.w ? [r.x, r.y + NODE_H / 2] : [r.x + r.w, r.y + NODE_H / 2];
    return bumpPath(a === l ? [start, end] : [end, start], 'x');
  }
  if (a.col === b.col) {
    // Same column: a loop out of the right side.
    const x = a.x + a.w;
    const y1 = a.y + NODE_H / 2;
    const y2 = b.y + NODE_H / 2;
    return `M${x},${y1} C${x + 40},${y1} ${x + 40},${y2} ${x},${y2}`;
  }
  const [l, r] = a.col < b.col ? [a, b] : [b, a];
  const start: Point = [l.x + l.w, l.y + NODE_H / 2];
  const end: Point = [r.x, r.y + NODE_H / 2];
  const points: Point[] = [start];
  for (let c = l.col + 1; c < r.col; c++) {
    const col = layout.columns[c];
    if (col === undefined) continue;
    const t = (col.x + col.w / 2 - start[0]) / (end[0] - start[0]);
    const lane = laneY(col, start[1] + t * (end[1] - start[1]));
    points.push([col.x - 2, lane], [col.x + col.w + 2, lane]);
  }
  points.push(end);
  return bumpPath(a.col < b.col ? points : points.reverse(), 'x');
}
