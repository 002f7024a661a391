/**
 * Focus mode frames its paths (issue 11): entering it opens the clusters that hold the lit objects
 * and centres the focused object at a readable zoom, as many lit objects around it as fit
 * (focusFrame.ts). While on, a new selection does not move the view (the user is picking among what
 * is lit), and leaving focus mode leaves the view where it is: nothing jumps.
 */
import { useLayoutEffect, useRef } from 'react';
import type { ClusterLayout } from '../../layout/clusterLayout.ts';
import { graphView } from './graphView.ts';
import { focusFrame } from './focusFrame.ts';
import type { Transform } from './useZoom.ts';

export function useFocusFrame(
  focusSet: ReadonlySet<string> | null,
  /** The focused (selected) object's node id. */
  centreId: string | undefined,
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
      const t = focusFrame(layout, centreId, focusSet, width, height);
      if (t !== null) setView(t);
    }
    wasOn.current = on;
  }, [focusSet, centreId, layout, width, height, setView]);
}
