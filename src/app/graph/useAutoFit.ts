/**
 * Fit the graph when its shape or the view's size changes: a small graph at a readable zoom (≥ 0.9,
 * scrolling for the rest), a clustered one whole (its overview) or, on a view too small to name it
 * readably, its top at the readable zoom (`layout.fitZoom`). A clustered graph is not re-fitted
 * on a mere resize once the view was moved (a reveal, a gesture): the inspector opening on a
 * selection must not throw the user back to the overview.
 */
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { ClusterLayout } from '../../layout/clusterLayout.ts';
import type { Transform } from './useZoom.ts';

/** The automatic fit never zooms out further than this (labels stay >= ~12 px; the Fit button shows all). */
const AUTO_FIT_MIN_ZOOM = 0.9;

const same = (a: Transform, b: Transform) =>
  Math.abs(a.k - b.k) < 1e-9 && Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5;

export function useAutoFit(
  layout: ClusterLayout,
  clustered: boolean,
  width: number,
  height: number,
  latest: RefObject<Transform>,
  fit: (width: number, height: number, minK?: number) => boolean,
): { fitted: boolean; shapeKey: string } {
  const [fitted, setFitted] = useState(false);
  const shapeKey = `${layout.nodeCount}:${Math.round(layout.width)}x${Math.round(layout.height)}`;
  const last = useRef<{ key: string; t: Transform } | null>(null);
  useLayoutEffect(() => {
    if (width === 0) return;
    const prev = last.current;
    if (clustered && prev !== null && prev.key === shapeKey && !same(prev.t, latest.current)) return;
    if (fit(layout.width, layout.height, clustered ? layout.fitZoom : AUTO_FIT_MIN_ZOOM)) {
      setFitted(true);
      last.current = { key: shapeKey, t: latest.current };
    }
    // Re-fit when the graph's shape or the view's size changes, not on every state change.
  }, [shapeKey, width, height, fit]);
  return { fitted, shapeKey };
}
