/** Viewport culling: which placed nodes intersect the visible rectangle (with a margin). Pure. */
import { NODE_H, NODE_W, type Placed } from '../../layout/layered.ts';
import type { Transform } from './useZoom.ts';

export function visibleNodes(nodes: readonly Placed[], t: Transform, width: number, height: number, margin = 200): Placed[] {
  const x0 = (-t.x - margin) / t.k;
  const y0 = (-t.y - margin) / t.k;
  const x1 = (width - t.x + margin) / t.k;
  const y1 = (height - t.y + margin) / t.k;
  return nodes.filter((p) => p.x + NODE_W >= x0 && p.x <= x1 && p.y + NODE_H >= y0 && p.y <= y1);
}
