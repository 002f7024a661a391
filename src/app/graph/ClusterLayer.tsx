/** The clusters of a scene (open frames under their nodes, closed boxes) and the bundles between them. */
import { useMemo, type CSSProperties } from 'react';
import type { PlacedGroup } from '../../layout/clusterLayout.ts';
import type { Scene } from './scene.ts';
import { BundleEdge } from './BundleEdge.tsx';
import { ClusterShape } from './ClusterShape.tsx';
import { groupNamePxPerZoom, GroupNames } from './GroupNames.tsx';
import { bundleLit } from './useFocusMode.ts';

/**
 * From this many clusters in the layout (a 256-VM fleet has 769), the closed clusters' names and the
 * bundles' counts are left out while the zoom is changing (`.zooming`, set by useZoom) and come back
 * when the gesture ends: a few hundred texts laid out again at every new scale cost more than a frame.
 * The 64-VM fleet (193 clusters) keeps its names throughout.
 */
export const MOTION_LOD_CLUSTERS = 300;

interface Props {
  readonly scene: Scene;
  readonly k: number;
  /** The closed cluster that holds the graph's Tab stop (when no node is drawn to hold it), or null. */
  readonly tabStopId: string | null;
  readonly onOpen: (clusterId: string) => void;
  readonly onClose: (clusterId: string) => void;
  /** Focus mode: the objects on the selection's paths, and the clusters holding one (null when off). */
  readonly focusSet?: ReadonlySet<string> | null;
  readonly litClusters?: ReadonlySet<string> | null;
  /** The layout's cluster count (for MOTION_LOD_CLUSTERS); the scene's own count when not given. */
  readonly total?: number;
  /** The layout's VM groups, named instead of their clusters below `groupZoom` (GroupNames). */
  readonly groups?: readonly PlacedGroup[];
  readonly groupZoom?: number;
}

export function ClusterLayer({
  scene,
  k,
  tabStopId,
  onOpen,
  onClose,
  focusSet = null,
  litClusters = null,
  total,
  groups = [],
  groupZoom = 0,
}: Props) {
  // The grouped level is a class (cluster.css): crossing groupZoom toggles which names show rather
  // than mounting a thousand texts and unmounting as many at the end of a zoom gesture.
  const grouped = k < groupZoom;
  // The groups with a closed cluster drawn (culled with their clusters).
  const shownGroups = useMemo(() => {
    const at = new Set<number>();
    for (const c of scene.closed) if (c.group !== undefined) at.add(c.group);
    return [...at].sort((a, b) => a - b).map((i) => groups[i]!);
  }, [scene, groups]);
  const perZoom = useMemo(() => groupNamePxPerZoom(groups), [groups]);
  const focus = (id: string) => (litClusters === null ? undefined : litClusters.has(id) ? 'in' : 'out');
  const many = (total ?? scene.closed.length) >= MOTION_LOD_CLUSTERS ? ' many' : '';
  // --px: one screen pixel in layout units at the committed zoom, for strokes drawn without the
  // costlier non-scaling-stroke (cluster.css).
  const px = { '--px': `${1 / k}px` } as CSSProperties;
  return (
    <>
      <g className={`clusters${many}${grouped ? ' grouped' : ''}`} style={px}>
        {scene.open.map((c) => (
          <ClusterShape
            key={c.cluster.id}
            placed={c}
            k={k}
            open
            tabStop={false}
            onOpen={onOpen}
            onClose={onClose}
            focus={focus(c.cluster.id)}
          />
        ))}
        {scene.closed.map((c) => (
          <ClusterShape
            key={c.cluster.id}
            placed={c}
            k={k}
            open={false}
            tabStop={c.cluster.id === tabStopId}
            onOpen={onOpen}
            onClose={onClose}
            focus={focus(c.cluster.id)}
          />
        ))}
      </g>
      <g className={`bundles${many}`} style={px}>
        {scene.bundles.map((b) => (
          <BundleEdge
            key={b.link.id}
            id={b.link.id}
            a={b.a}
            b={b.b}
            count={b.link.edges.length}
            k={k}
            dimmed={focusSet !== null && !bundleLit(b.link.edges, focusSet)}
          />
        ))}
      </g>
      {shownGroups.length > 0 && (
        <g className={`groups${many}${grouped ? ' grouped' : ''}`} style={px}>
          <GroupNames groups={shownGroups} perZoom={perZoom} k={k} litClusters={litClusters} />
        </g>
      )}
    </>
  );
}
