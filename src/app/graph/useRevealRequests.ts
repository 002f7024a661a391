/**
 * Serves `graphView.revealNode(id)` (find box, focus mode, tables): opens the node's cluster and
 * centres the node at a readable zoom (≥ 1). A request made before the view has a size, or for a
 * node the layout does not have yet, waits until it can be served.
 */
import { useLayoutEffect, useRef, type RefObject } from 'react';
import type { ClusterLayout } from '../../layout/clusterLayout.ts';
import { NODE_H } from '../../layout/layered.ts';
import { graphView, selectReveal, useGraphView } from './graphView.ts';
import type { Transform } from './useZoom.ts';

const same = (a: Transform, b: Transform) =>
  Math.abs(a.k - b.k) < 1e-9 && Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5;

/** The zoom a revealed node is shown at, at least (labels at their full 13 px). */
export const REVEAL_ZOOM = 1;

export function useRevealRequests(
  layout: ClusterLayout,
  width: number,
  height: number,
  latest: RefObject<Transform>,
  setView: (t: Transform) => boolean,
): void {
  const request = useGraphView(selectReveal);
  const served = useRef<{ seq: number; t: Transform }>({ seq: 0, t: latest.current });
  useLayoutEffect(() => {
    if (request === null || width === 0 || height === 0) return;
    // A new request; or the last one again when the view was resized (the inspector opening on
    // the selection) or laid out anew and nobody moved the view since.
    const again = request.seq === served.current.seq && same(served.current.t, latest.current);
    if (request.seq <= served.current.seq && !again) return;
    const p = layout.byId.get(request.nodeId);
    if (p === undefined) return;
    if (p.cluster !== undefined) graphView.getState().openCluster(p.cluster);
    const k = Math.max(REVEAL_ZOOM, latest.current.k);
    const t = { k, x: width / 2 - (p.x + p.w / 2) * k, y: height / 2 - (p.y + NODE_H / 2) * k };
    if (setView(t)) served.current = { seq: request.seq, t };
  }, [request, layout, width, height, latest, setView]);
}
