/**
 * Focus mode frames its paths (issue 11): entering it opens the clusters that hold the lit objects
 * and zooms/pans so they all fit the view (at most REVEAL_ZOOM: a short path is not blown up).
 * While on, a new selection does not move the view (the user is picking among what is lit), and
 * leaving focus mode leaves the view where it is: nothing jumps.
 */
import { useLayoutEffect, useRef } from 'react';
import type { ClusterLayout } from '../../layout/clusterLayout.ts';
import { NODE_H } from '../../layout/layered.ts';
import { graphView } from './graphView.ts';
import { REVEAL_ZOOM } from './useRevealRequests.ts';
import { fitTransform, type Transform } from './useZoom.ts';

/** The view that shows every one of `ids` (layout units → transform), or null when none is placed. */
export function frameOf(
  layout: ClusterLayout,
  ids: Iterable<string>,
  width: number,
  height: number,
  maxK = REVEAL_ZOOM,
): Transform | null {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const id of ids) {
    const p = layout.byId.get(id);
    if (p === undefined) continue;
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x + p.w);
    y1 = Math.max(y1, p.y + NODE_H);
  }
  if (!Number.isFinite(x0) || width === 0 || height === 0) return null;
  const pad = 24;
  const t = fitTransform(x1 - x0 + 2 * pad, y1 - y0 + 2 * pad, width, height);
  const k = Math.min(maxK, t.k);
  // Centre the frame (fitTransform centres only what is smaller than the view at its own zoom).
  return { k, x: width / 2 - ((x0 + x1) / 2) * k, y: height / 2 - ((y0 + y1) / 2) * k };
}

export function useFocusFrame(
  focusSet: ReadonlySet<string> | null,
  layout: ClusterLayout,
  width: number,
  height: number,
  setView: (t: Transform) => boolean,
): void {
  const wasOn = useRef(false);
  useLayoutEffect(() => {
    const on = focusSet !== null;
    if (on && !wasOn.current) {
      const view = graphView.getState();
      for (const id of focusSet) {
        const c = layout.byId.get(id)?.cluster;
        if (c !== undefined) view.openCluster(c);
      }
      const t = frameOf(layout, focusSet, width, height);
      if (t !== null) setView(t);
    }
    wasOn.current = on;
  }, [focusSet, layout, width, height, setView]);
}
