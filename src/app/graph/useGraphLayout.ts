/**
 * The graph's data for one engine state: topology (engine/inspect), clusters, and the layout — one
 * layered layout for small graphs, the cluster layout wrapped to the view's shape for fleet-sized
 * ones (issue 11) — with the user's moved positions applied, and adjacency for culling and keys.
 */
import { useMemo, useRef } from 'react';
import type { EngineState } from '../../engine/index.ts';
import { topologyOf, type Topology } from '../../engine/inspect/topology.ts';
import { layoutClusters, unclustered, type ClusterLayout } from '../../layout/clusterLayout.ts';
import { clustersOf } from '../../layout/clusters.ts';
import { layoutTopology, type Layout } from '../../layout/layered.ts';
import { layoutTopologyDown } from '../../layout/layeredDown.ts';
import { withPositions } from '../../layout/pinned.ts';
import { adjacency } from './adjacency.ts';
import { AUTO_FIT_MIN_ZOOM } from './useAutoFit.ts';

/** From this many nodes on, the graph is drawn as clusters (the tours' and built-in scenarios' graphs stay as they were). */
export const CLUSTER_MIN_NODES = 200;

/** The view's aspect in quarter-octave steps, so a small resize does not lay the graph out again. */
export function aspectBucket(width: number, height: number): number {
  if (width <= 0 || height <= 0) return 16 / 9;
  return 2 ** (Math.round(Math.log2(width / height) * 4) / 4);
}

/** The widest a view may be, per unit of height, and still be turned for (a phone's graph: 390×379). */
export const TURN_MAX_ASPECT = 2 ** 0.25;

/** The zoom at which a `w`×`h` layout fits a `width`×`height` view. */
const fitZoomOf = (l: Layout, width: number, height: number) => Math.min(width / l.width, height / l.height);

/**
 * A small graph is laid out top to bottom (layeredDown.ts) when the view is not landscape (a phone's
 * graph, about square), its columns are wider than the view at the readable zoom (the seed's ~820 px
 * at 0.75 against 390) and the rows fit the view larger; left to right everywhere else — a laptop's
 * or a portrait tablet's graph is landscape, and holds the seed's columns readably.
 */
export function smallLayout(
  topo: Topology,
  shape: { readonly aspect: number; readonly width: number; readonly height: number } | null,
  readableZoom: number,
): Layout {
  const across = layoutTopology(topo);
  if (shape === null || shape.aspect > TURN_MAX_ASPECT || across.width * readableZoom <= shape.width) return across;
  const down = layoutTopologyDown(topo);
  return fitZoomOf(down, shape.width, shape.height) > fitZoomOf(across, shape.width, shape.height) ? down : across;
}

const EMPTY: ClusterLayout = unclustered({ nodes: [], byId: new Map(), columns: [], width: 0, height: 0 });

export function useGraphLayout(
  state: EngineState,
  positions: Readonly<Record<string, { x: number; y: number; flow?: 'down' }>>,
  width: number,
  height: number,
) {
  const topo = useMemo(() => topologyOf(state), [state]);
  const model = useMemo(() => clustersOf(topo), [topo]);
  const clustered = topo.nodes.length >= CLUSTER_MIN_NODES;
  // Lay out anew only when the view's shape changed a lot (a window turned to portrait), not when
  // the inspector opens beside the graph on a selection.
  // The view's size is kept with it: a view too small to name the whole overview readably (a phone)
  // gets it wrapped to its width (layoutClusters), a small graph turned top to bottom (smallLayout).
  const shapeRef = useRef<{ aspect: number; width: number; height: number } | null>(null);
  const measured = aspectBucket(width, height);
  const prev = shapeRef.current;
  if (width > 0 && (prev === null || Math.max(measured / prev.aspect, prev.aspect / measured) > 1.6))
    shapeRef.current = { aspect: measured, width, height };
  const shape = shapeRef.current;
  const aspect = clustered ? (shape?.aspect ?? measured) : 1;
  const viewW = clustered ? (shape?.width ?? 0) : 0;
  const viewH = clustered ? (shape?.height ?? 0) : 0;
  const smallShape = clustered ? null : shape;
  // A browser measures the view before the first paint: lay a fleet out once, at the view's real
  // shape, rather than at a guess and again (jsdom never measures: it gets the guess).
  const waitForSize = clustered && width === 0 && typeof ResizeObserver !== 'undefined';
  const baseLayout = useMemo<ClusterLayout>(
    () =>
      waitForSize
        ? EMPTY
        : clustered
          ? layoutClusters(topo, model, aspect, {}, viewW > 0 ? { width: viewW, height: viewH } : undefined)
          : unclustered(smallLayout(topo, smallShape, AUTO_FIT_MIN_ZOOM)),
    [topo, model, clustered, aspect, viewW, viewH, waitForSize, smallShape],
  );
  const layout = useMemo<ClusterLayout>(() => {
    const moved = withPositions(baseLayout, positions);
    return moved === baseLayout
      ? baseLayout
      : {
          ...moved,
          clusters: baseLayout.clusters,
          clusterById: baseLayout.clusterById,
          fitZoom: baseLayout.fitZoom,
          nodeCount: baseLayout.nodeCount,
          groups: baseLayout.groups,
          groupZoom: baseLayout.groupZoom,
        };
  }, [baseLayout, positions]);
  const edgesOf = useMemo(() => adjacency(topo.edges, (e) => [e.source, e.target]), [topo]);
  const linksOf = useMemo(() => adjacency(model.links, (l) => [l.a, l.b]), [model]);
  return { topo, model, clustered, baseLayout, layout, edgesOf, linksOf };
}
