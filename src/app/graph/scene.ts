/**
 * What the graph draws for a view rectangle: the `collapse` description (layout/collapse.ts) cut to
 * what is visible. Clusters are culled by their frames, then an open cluster's nodes by its columns
 * (binary search), so the cost follows what is on screen, not the graph's size. Pure.
 */
import type { TopoEdge } from '../../engine/inspect/topology.ts';
import type { ClusterLayout, PlacedCluster } from '../../layout/clusterLayout.ts';
import type { ClusterLink } from '../../layout/clusters.ts';
import type { Placed } from '../../layout/layered.ts';
import type { Adjacency } from './adjacency.ts';
import { intersects, visibleInColumns, visibleNodes, type Rect } from './visible.ts';

export interface SceneBundle {
  readonly link: ClusterLink;
  readonly a: PlacedCluster;
  readonly b: PlacedCluster;
}

export interface Scene {
  readonly nodes: readonly Placed[];
  /** Edges of drawn nodes whose other end is drawn (it may be culled: the edge still shows), not bundled. */
  readonly edges: readonly TopoEdge[];
  readonly closed: readonly PlacedCluster[];
  readonly open: readonly PlacedCluster[];
  readonly bundles: readonly SceneBundle[];
}

export interface SceneInput {
  readonly layout: ClusterLayout;
  /** Null: draw everything (no size yet, or jsdom). */
  readonly rect: Rect | null;
  readonly isOpen: (clusterId: string) => boolean;
  /** Draw the edges between two open clusters one by one (else as bundles, like a closed cluster's). */
  readonly linksOpen: boolean;
  /**
   * Focus mode's lit clusters (null when off): the links between two open lit clusters are drawn one
   * by one at any zoom, so the focused paths show as edges (a VM's mdevs → the VM) at FOCUS_ZOOM.
   */
  readonly lit?: ReadonlySet<string> | null;
  readonly edgesOf: Adjacency<TopoEdge>;
  readonly linksOf: Adjacency<ClusterLink>;
  readonly clusterOf: ReadonlyMap<string, string>;
}

const frameRect = (c: PlacedCluster): Rect => ({ x0: c.x, y0: c.y, x1: c.x + c.w, y1: c.y + c.h });

export function sceneOf({
  layout,
  rect,
  isOpen,
  linksOpen,
  edgesOf,
  linksOf,
  clusterOf,
  lit = null,
}: SceneInput): Scene {
  const opens = (a: string, b: string) => isOpen(a) && isOpen(b) && (linksOpen || (lit?.has(a) === true && lit.has(b)));
  if (layout.clusters.length === 0) {
    const nodes = rect === null ? layout.nodes : visibleNodes(layout, rect);
    const edges = new Set<TopoEdge>();
    for (const p of nodes) for (const e of edgesOf(p.node.id)) edges.add(e);
    return { nodes, edges: [...edges], closed: [], open: [], bundles: [] };
  }
  const nodes: Placed[] = [];
  const closed: PlacedCluster[] = [];
  const open: PlacedCluster[] = [];
  for (const c of layout.clusters) {
    if (rect !== null && !intersects(rect, frameRect(c))) continue;
    if (!isOpen(c.cluster.id)) closed.push(c);
    else {
      open.push(c);
      const cols = layout.columns.slice(c.col0, c.col1);
      if (rect === null) for (const col of cols) nodes.push(...col.nodes);
      else visibleInColumns(cols, rect, nodes);
    }
  }
  const edges = new Set<TopoEdge>();
  for (const p of nodes)
    for (const e of edgesOf(p.node.id)) {
      const other = clusterOf.get(e.source === p.node.id ? e.target : e.source) ?? '';
      if (other === p.cluster || opens(p.cluster ?? '', other)) edges.add(e);
    }
  const bundles: SceneBundle[] = [];
  const seen = new Set<string>();
  for (const c of [...closed, ...open])
    for (const link of linksOf(c.cluster.id)) {
      if (seen.has(link.id) || opens(link.a, link.b)) continue;
      seen.add(link.id);
      const a = layout.clusterById.get(link.a);
      const b = layout.clusterById.get(link.b);
      if (a && b) bundles.push({ link, a, b });
    }
  return { nodes, edges: [...edges], closed, open, bundles };
}
