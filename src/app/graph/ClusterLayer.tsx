/** The clusters of a scene (open frames under their nodes, closed boxes) and the bundles between them. */
import type { Scene } from './scene.ts';
import { BundleEdge } from './BundleEdge.tsx';
import { ClusterShape } from './ClusterShape.tsx';

interface Props {
  readonly scene: Scene;
  readonly k: number;
  /** The first closed cluster holds the graph's Tab stop (no node is drawn to hold it). */
  readonly tabStop: boolean;
  readonly onOpen: (clusterId: string) => void;
}

export function ClusterLayer({ scene, k, tabStop, onOpen }: Props) {
  return (
    <>
      <g className="clusters">
        {scene.open.map((c) => (
          <ClusterShape key={c.cluster.id} placed={c} k={k} open tabStop={false} onOpen={onOpen} />
        ))}
        {scene.closed.map((c, i) => (
          <ClusterShape key={c.cluster.id} placed={c} k={k} open={false} tabStop={tabStop && i === 0} onOpen={onOpen} />
        ))}
      </g>
      <g className="bundles">
        {scene.bundles.map((b) => (
          <BundleEdge key={b.link.id} id={b.link.id} a={b.a} b={b.b} count={b.link.edges.length} k={k} />
        ))}
      </g>
    </>
  );
}
