/**
 * The view transform that frames a tour stop's nodes (pure, for tests). Labels are 13 px at zoom 1
 * (styles.css `.node-label`), so the zoom never drops below READABLE_ZOOM: labels stay >= 12 px on
 * screen. When the nodes do not fit at that zoom, the `keep` rect stays in view (the caller passes
 * the rightmost column of the framed nodes: the VMs, where a DMA lands) and the rest fills what is left.
 */
import type { Transform } from '../graph/useZoom.ts';

export const LABEL_PX = 13;
export const READABLE_ZOOM = 12 / LABEL_PX;
/** Framing a single node should not blow it up to fill the screen. */
export const FRAME_MAX_ZOOM = 1.2;

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** The smallest rectangle holding every rect (null for none). */
export function unionRect(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const r of rects) {
    x0 = Math.min(x0, r.x);
    y0 = Math.min(y0, r.y);
    x1 = Math.max(x1, r.x + r.w);
    y1 = Math.max(y1, r.y + r.h);
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** Place `box` (layout units) in a `viewW`×`viewH` view; `keep` is the part that must stay in view. */
export function frameTransform(box: Rect, keep: Rect, viewW: number, viewH: number, pad = 24): Transform {
  const k = Math.max(
    READABLE_ZOOM,
    Math.min(FRAME_MAX_ZOOM, (viewW - 2 * pad) / Math.max(1, box.w), (viewH - 2 * pad) / Math.max(1, box.h)),
  );
  const axis = (start: number, size: number, keepStart: number, keepSize: number, view: number) => {
    if (size * k <= view - 2 * pad) return (view - size * k) / 2 - start * k;
    // Too big: the kept part's far edge inside the view, the box's start as near the near edge as that allows.
    return Math.min(pad - start * k, view - pad - (keepStart + keepSize) * k);
  };
  return { k, x: axis(box.x, box.w, keep.x, keep.w, viewW), y: axis(box.y, box.h, keep.y, keep.h, viewH) };
}
