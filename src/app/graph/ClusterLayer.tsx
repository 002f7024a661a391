/** The clusters of a scene (open frames under their nodes, closed boxes) and the bundles between them. */
import type { Scene } from './scene.ts';
import { BundleEdge } from './BundleEdge.tsx';
import { ClusterShape } from './ClusterShape.tsx';
import { bundleLit } from './useFocusMode.ts';

interface Props {
  readonly scene: Scene;
  readonly k: number;
  /** The first closed cluster holds the graph's Tab stop (no node is drawn to hold it). */
  readonly tabStop: boolean;
  readonly onOpen: (clusterId: string) => void;
  /** Focus mode: the objects on the selection's paths, and the clusters holding one (null when off). */
  readonly focusSet?: ReadonlySet<string> | null;
  readonly litClusters?: ReadonlySet<string> | null;
}

export function ClusterLayer({ scene, k, tabStop, onOpen, focusSet = null, litClusters = null }: Props) {
  const focus = (id: string) => (litClusters === null ? undefined : litClusters.has(id) ? 'in' : 'out');
  return (
    <>
      <g className="clusters">
        {scene.open.map((c) => (
          <ClusterShape
            key={c.cluster.id}
            placed={c}
            k={k}
            open
            tabStop={false}
            onOpen={onOpen}
            focus={focus(c.cluster.id)}
          />
        ))}
        {scene.closed.map((c, i) => (
          <ClusterShape
            key={c.cluster.id}
            placed={c}
            k={k}
            open={false}
            tabStop={tabStop && i === 0}
            onOpen={onOpen}
            focus={focus(c.cluster.id)}
          />
        ))}
      </g>
      <g className="bundles">
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
    </>
  );
}
