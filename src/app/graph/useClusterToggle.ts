/**
 * Opening and closing a fleet's clusters from the keyboard or a click (issue 11): open frames the
 * cluster and focuses its first node, close draws it as one box again (even at a zoom that opens
 * the others) and focuses that box. Each says so in a polite live region (`said`).
 */
import { useCallback, useState, type RefObject } from 'react';
import type { ClusterLayout } from '../../layout/clusterLayout.ts';
import { focusCluster, focusNode } from './focusNode.ts';
import { graphView } from './graphView.ts';
import { fitTransform, type Transform } from './useZoom.ts';

export function useClusterToggle(
  layout: ClusterLayout,
  size: RefObject<{ width: number; height: number }>,
  setView: (t: Transform) => boolean,
) {
  const [said, setSaid] = useState('');
  const onOpen = useCallback(
    (id: string) => {
      const c = layout.clusterById.get(id);
      if (c === undefined) return;
      graphView.getState().openCluster(id);
      const t = fitTransform(c.w, c.h, size.current.width, size.current.height);
      setView({ k: t.k, x: t.x - c.x * t.k, y: t.y - c.y * t.k });
      focusNode(c.cluster.nodeIds.includes(id) ? id : (c.cluster.nodeIds[0] ?? id));
      const n = c.cluster.nodeIds.length;
      setSaid(`Opened ${c.cluster.name}: ${n} object${n === 1 ? '' : 's'}. Backspace closes it.`);
    },
    [layout, size, setView],
  );
  const onClose = useCallback(
    (id: string) => {
      const c = layout.clusterById.get(id);
      if (c === undefined) return;
      graphView.getState().closeCluster(id);
      focusCluster(id);
      setSaid(`Closed ${c.cluster.name}.`);
    },
    [layout],
  );
  return { onOpen, onClose, said };
}
