/**
 * Edge paths for the layered layout: an edge leaves the right side of its left node and enters the
 * left side of its right node; when it spans columns, it crosses each column in between through
 * the gap between two rows nearest its straight line, so it never runs through a node. The
 * waypoints are joined like d3-shape's curveBumpX (horizontal tangents: S-bends in the column gaps,
 * straight runs through the row gaps). Pure.
 */
import { NODE_H, ROW_GAP, type Column, type Layout, type Placed } from './layered.ts';

type Point = readonly [number, number];

/** d3-shape's curveBumpX written out (one cubic per segment, control points at mid-x). */
function pathOf(points: readonly Point[]): string {
  const r = (v: number) => Math.round(v * 10) / 10;
  let d = '';
  points.forEach(([x, y], i) => {
    if (i === 0) d = `M${r(x)},${r(y)}`;
    else {
      const [px, py] = points[i - 1]!;
      const mx = r((px + x) / 2);
      d += `C${mx},${r(py)},${mx},${r(y)},${r(x)},${r(y)}`;
    }
  });
  return d;
}

/** A y inside `col` near `want` that is clear of every node of the column (binary search). */
export function laneY(col: Column, want: number): number {
  const nodes = col.nodes;
  let lo = 0;
  let hi = nodes.length;
  // First node whose bottom (plus half a gap) is below `want`.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nodes[mid]!.y + NODE_H + ROW_GAP / 2 <= want) lo = mid + 1;
    else hi = mid;
  }
  const hit = nodes[lo];
  if (hit === undefined || hit.y - ROW_GAP / 2 >= want) return want; // already in a gap
  const above = hit.y - ROW_GAP / 2;
  const below = hit.y + NODE_H + ROW_GAP / 2;
  return want - above <= below - want ? above : below;
}

/** The SVG path of an edge between two placed nodes. */
export function routeEdge(layout: Layout, a: Placed, b: Placed): string {
  if (a.cluster !== b.cluster) {
    // Between two clusters (clusterLayout.ts): one S-curve from side to side; the columns in
    // between belong to other clusters, so there are no lanes to keep to.
    const [l, r] = a.x <= b.x ? [a, b] : [b, a];
    const start: Point = [l.x + l.w, l.y + NODE_H / 2];
    const end: Point = r.x >= l.x + l.w ? [r.x, r.y + NODE_H / 2] : [r.x + r.w, r.y + NODE_H / 2];
    return pathOf(a === l ? [start, end] : [end, start]);
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
  return pathOf(a.col < b.col ? points : points.reverse());
}
