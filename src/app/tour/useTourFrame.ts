/**
 * During a tour, frame the stop's nodes at a readable zoom (frame.ts) whenever the stop, the
 * graph's shape or the view's size changes. Runs after the graph's own auto-fit (called after it
 * in GraphView), so the stop's framing wins; outside a tour it does nothing.
 */
import { useLayoutEffect } from 'react';
import { NODE_H, type Layout } from '../../layout/layered.ts';
import type { Transform } from '../graph/useZoom.ts';
import { frameTransform, unionRect, type Rect } from './frame.ts';
import { useTourFocus } from './TourFocus.ts';

export function useTourFrame(
  layout: Layout,
  width: number,
  height: number,
  shapeKey: string,
  setView: (t: Transform) => boolean,
): void {
  const focus = useTourFocus();
  const key = focus === null ? null : `${focus.tourId}:${focus.stop}:${focus.frame.join(',')}`;
  useLayoutEffect(() => {
    if (focus === null || width === 0 || height === 0) return;
    const rects: Rect[] = [];
    for (const id of focus.frame) {
      const p = layout.byId.get(id);
      if (p) rects.push({ x: p.x, y: p.y, w: p.w, h: NODE_H });
    }
    const box = unionRect(rects);
    if (box === null) return;
    const right = Math.max(...rects.map((r) => r.x));
    const keep = unionRect(rects.filter((r) => r.x === right)) ?? box;
    setView(frameTransform(box, keep, width, height));
    // Re-frame on a new stop, a new graph shape or a new view size, not on every render.
  }, [key, shapeKey, width, height, setView]);
}
