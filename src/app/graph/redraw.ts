/**
 * When a pan/zoom frame must reach React (a render culls the scene again, useZoom's `needsCommit`):
 * the zoom crossed a threshold that changes what is drawn, or the view now shows a part of the graph
 * the committed scene left out. Pure.
 */
import { NODE_H, type Layout } from '../../layout/layered.ts';
import { LINK_ZOOM, OPEN_ZOOM, OVERVIEW_ZOOM, TEXT_ZOOM } from './useScene.ts';
import type { Transform } from './useZoom.ts';
import { contains, viewRect, type Rect } from './visible.ts';

export interface RedrawView {
  readonly width: number;
  readonly height: number;
  /** The culling margin (screen px) the committed scene was drawn with. */
  readonly margin: number;
  readonly clustered: boolean;
  /** Where anything can be drawn (boundsOf): a view reaching past it shows nothing more there. */
  readonly bounds: Rect;
}

/**
 * Which side of each zoom threshold `k` is on: a change means the view must be drawn again. A fleet
 * (clusters) changes at OPEN_ZOOM and LINK_ZOOM only; a small graph at its bands and text too.
 */
export function detailLevel(k: number, clustered = false): number {
  const levels = clustered ? [OPEN_ZOOM, LINK_ZOOM] : [OVERVIEW_ZOOM, TEXT_ZOOM, OPEN_ZOOM, LINK_ZOOM];
  return levels.filter((z) => k >= z).length;
}

/**
 * The layout's extent, with nodes the user dragged left of or above the origin (`moved`: a layout
 * as laid out has every node in 0..width × 0..height, and a fleet's nodes are placed only when needed).
 */
export function boundsOf(layout: Layout, moved = true): Rect {
  let x0 = 0;
  let y0 = 0;
  let x1 = layout.width;
  let y1 = layout.height;
  if (moved)
    for (const p of layout.nodes) {
      x0 = Math.min(x0, p.x);
      y0 = Math.min(y0, p.y);
      x1 = Math.max(x1, p.x + p.w);
      y1 = Math.max(y1, p.y + NODE_H);
    }
  return { x0, y0, x1, y1 };
}

/**
 * Whether the view at `latest` needs a render, given the one committed at `committed`. Zooming out
 * over a graph that was drawn whole needs none (a fleet's overview redrew 769 clusters at every
 * wheel notch out before).
 */
export function needsRedraw(latest: Transform, committed: Transform, v: RedrawView): boolean {
  if (detailLevel(latest.k, v.clustered) !== detailLevel(committed.k, v.clustered)) return true;
  const view = viewRect(latest, v.width, v.height);
  const { bounds: b } = v;
  const seen: Rect = {
    x0: Math.max(view.x0, b.x0),
    y0: Math.max(view.y0, b.y0),
    x1: Math.min(view.x1, b.x1),
    y1: Math.min(view.y1, b.y1),
  };
  // A view beside the graph shows nothing that needs drawing.
  if (seen.x0 > seen.x1 || seen.y0 > seen.y1) return false;
  return !contains(viewRect(committed, v.width, v.height, v.margin), seen);
}
