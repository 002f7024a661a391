/**
 * What GraphView draws at the committed transform: the scene (scene.ts) — open clusters' visible
 * nodes, closed clusters, bundles — and, for a small graph zoomed far out (below OVERVIEW_ZOOM),
 * only the selected and DMA-path nodes over the column bands. Memoised: hovering a node (a tooltip)
 * re-renders the view without culling again.
 */
import { useMemo } from 'react';
import type { TopoEdge } from '../../engine/inspect/topology.ts';
import type { ClusterLayout } from '../../layout/clusterLayout.ts';
import type { ClusterLink } from '../../layout/clusters.ts';
import type { Adjacency } from './adjacency.ts';
import { sceneOf } from './scene.ts';
import type { Transform } from './useZoom.ts';
import { viewRect } from './visible.ts';

/** From this zoom on a small graph's nodes show their text. */
export const TEXT_ZOOM = 0.45;
/** Below this zoom a small graph's node is a few pixels tall: draw each column as one band instead. */
export const OVERVIEW_ZOOM = 0.12;
/** From this zoom on every cluster of a fleet is drawn open, its nodes with their text (labels ≥ 7.8 px). */
export const OPEN_ZOOM = 0.6;
/**
 * From this zoom on the edges between two open clusters are drawn one by one; further out they stay
 * bundles. The long mdev → VM lines of a fleet are what costs frames when a screen holds many clusters.
 */
export const LINK_ZOOM = 0.9;

/** Is a cluster drawn open at zoom `k`: opened by the user, or far enough in and not closed by the user. */
export function clusterIsOpen(
  clustered: boolean,
  k: number,
  opened: ReadonlySet<string>,
  closed: ReadonlySet<string>,
): (id: string) => boolean {
  return (id) => !clustered || opened.has(id) || (k >= OPEN_ZOOM && !closed.has(id));
}

interface Input {
  readonly layout: ClusterLayout;
  readonly clustered: boolean;
  readonly clusterOf: ReadonlyMap<string, string>;
  readonly edgesOf: Adjacency<TopoEdge>;
  readonly linksOf: Adjacency<ClusterLink>;
  readonly opened: ReadonlySet<string>;
  /** Closed by the user: drawn closed at any zoom. */
  readonly closed: ReadonlySet<string>;
  readonly transform: Transform;
  readonly width: number;
  readonly height: number;
  /** Culling margin in screen px. */
  readonly margin: number;
  /** False until the first fit: draw nothing, so the first real render is already at the fitted zoom. */
  readonly fitted: boolean;
  readonly selection: string | null;
  readonly path: ReadonlySet<string>;
  /** Focus mode's lit clusters: their links are drawn edge by edge at any zoom (sceneOf). */
  readonly lit?: ReadonlySet<string> | null;
}

export function useScene(i: Input) {
  const { layout, clustered, clusterOf, edgesOf, linksOf, opened, closed, transform, width, height, margin, fitted } =
    i;
  const lit = i.lit ?? null;
  const measured = width > 0 && height > 0;
  const scene = useMemo(() => {
    // Unmeasured where nothing can measure (jsdom: no ResizeObserver): no culling. In a browser,
    // before the first layout pass and until fitted: nothing (drawing every node first cost a
    // 2,500-node fleet ~0.5 s of forced layout).
    if (measured ? !fitted : typeof ResizeObserver !== 'undefined') return null;
    const isOpen = clusterIsOpen(clustered, transform.k, opened, closed);
    const rect = measured ? viewRect(transform, width, height, margin) : null;
    const linksOpen = !clustered || transform.k >= LINK_ZOOM;
    return sceneOf({ layout, rect, isOpen, linksOpen, edgesOf, linksOf, clusterOf, lit });
  }, [
    layout,
    clustered,
    clusterOf,
    edgesOf,
    linksOf,
    opened,
    closed,
    transform,
    width,
    height,
    margin,
    fitted,
    measured,
    lit,
  ]);
  const overview = !clustered && transform.k < OVERVIEW_ZOOM;
  const { selection, path } = i;
  return useMemo(() => {
    const culled = scene?.nodes ?? [];
    const shown = overview ? culled.filter((p) => p.node.ref === selection || path.has(p.node.id)) : culled;
    const shownIds = new Set(shown.map((p) => p.node.id));
    const all = scene?.edges ?? [];
    const edges = overview ? all.filter((e) => shownIds.has(e.source) && shownIds.has(e.target)) : all;
    return { scene, overview, shown, shownIds, edges };
  }, [scene, overview, selection, path]);
}
