/**
 * Viewport culling: which placed nodes intersect the visible rectangle (with a margin in screen
 * px). Columns are sorted by y, so each column is a binary search: O(columns · log n + visible). Pure.
 */
import { NODE_H, type Column, type Layout, type Placed } from '../../layout/layered.ts';
import type { Transform } from './useZoom.ts';

export interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** The layout-space rectangle a view of `width`×`height` px shows at `t`, grown by `margin` px. */
export function viewRect(t: Transform, width: number, height: number, margin = 0): Rect {
  return {
    x0: (-t.x - margin) / t.k,
    y0: (-t.y - margin) / t.k,
    x1: (width - t.x + margin) / t.k,
    y1: (height - t.y + margin) / t.k,
  };
}

export function contains(outer: Rect, inner: Rect): boolean {
  return inner.x0 >= outer.x0 && inner.y0 >= outer.y0 && inner.x1 <= outer.x1 && inner.y1 <= outer.y1;
}

export function visibleNodes(layout: Layout, r: Rect): Placed[] {
  return visibleInColumns(layout.columns, r);
}

/** Like `visibleNodes`, over some columns only (one cluster's). */
export function visibleInColumns(columns: readonly Column[], r: Rect, out: Placed[] = []): Placed[] {
  for (const col of columns) {
    if (!col.loose && (col.x + col.w < r.x0 || col.x > r.x1)) continue;
    const nodes = col.nodes;
    let lo = 0;
    let hi = nodes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (nodes[mid]!.y + NODE_H < r.y0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < nodes.length && nodes[i]!.y <= r.y1; i++) {
      const p = nodes[i]!;
      if (!col.loose || (p.x + p.w >= r.x0 && p.x <= r.x1)) out.push(p);
    }
  }
  return out;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 && b.y0 <= a.y1;
}
