/**
 * Fit the graph when a document is first shown, and again when its shape or the view's size changes
 * while nobody has moved the view since: a small graph at a readable zoom (≥ AUTO_FIT_MIN_ZOOM,
 * scrolling for the rest), a clustered one whole (its overview) or, on a view too small to name it
 * readably, its top at the readable zoom (`layout.fitZoom`). A view that was moved — a gesture, Find
 * or the inspector's links centring a node, focus mode, a tour stop — is the user's: the inspector
 * opening on a selection (a resize) or an action adding nodes must not throw it back to the fit.
 */
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { ClusterLayout } from '../../layout/clusterLayout.ts';
import { FOCUS_ZOOM } from './focusFrame.ts';
import type { Transform } from './useZoom.ts';

/**
 * The automatic fit never zooms out further than this: node names (13 layout px) stay readable, at
 * READABLE_PX (9, the fleet overview's bound) or more, as focus mode frames them. A graph wider than
 * that leaves the rest to panning, the minimap and Fit (which shows all, unreadably small on a phone).
 */
export const AUTO_FIT_MIN_ZOOM = FOCUS_ZOOM;

const same = (a: Transform, b: Transform) =>
  Math.abs(a.k - b.k) < 1e-9 && Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5;

/** What the last automatic fit was made for, and the view it left. */
export interface LastFit {
  readonly doc: string;
  readonly key: string;
  readonly t: Transform;
  /** The small graph's orientation then (layeredDown.ts). */
  readonly flow?: 'down';
}

/**
 * May the automatic fit move the view now? Always for a document's first show; otherwise only while
 * the view is where the last fit left it — except that a fleet laid out anew (a new shape: the
 * overview's rows re-wrapped for the view) or a small graph turned (a phone turned: `flow`) is
 * fitted again, its old view meaning nothing there.
 */
export function autoFitDue(
  prev: LastFit | null,
  doc: string,
  key: string,
  clustered: boolean,
  now: Transform,
  flow?: 'down',
): boolean {
  if (prev === null || prev.doc !== doc) return true;
  if (same(prev.t, now) || prev.flow !== flow) return true;
  return clustered && prev.key !== key;
}

export function useAutoFit(
  layout: ClusterLayout,
  clustered: boolean,
  doc: string,
  width: number,
  height: number,
  latest: RefObject<Transform>,
  fit: (width: number, height: number, minK?: number) => boolean,
): {
  /** This document has been fitted once (useScene draws nothing before, see there). */
  fitted: boolean;
  shapeKey: string;
} {
  // Per document: a new one is not drawn at the view the last one left (at the seed's zoom a fleet's
  // clusters would open, placing and drawing thousands of nodes for a render the fit then replaces).
  const [fittedDoc, setFittedDoc] = useState<string | null>(null);
  const shapeKey = `${layout.flow ?? ''}${layout.nodeCount}:${Math.round(layout.width)}x${Math.round(layout.height)}`;
  const last = useRef<LastFit | null>(null);
  useLayoutEffect(() => {
    const { flow } = layout;
    if (width === 0 || !autoFitDue(last.current, doc, shapeKey, clustered, latest.current, flow)) return;
    if (fit(layout.width, layout.height, clustered ? layout.fitZoom : AUTO_FIT_MIN_ZOOM)) {
      setFittedDoc(doc);
      last.current =
        flow === undefined
          ? { doc, key: shapeKey, t: latest.current }
          : { doc, key: shapeKey, t: latest.current, flow };
    }
    // Re-fit when the document, the graph's shape or the view's size changes, not on every state change.
  }, [doc, shapeKey, width, height, fit]);
  return { fitted: fittedDoc === doc, shapeKey };
}
