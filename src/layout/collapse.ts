/**
 * Semantic zoom as data: the graph as drawn when some clusters are open and the rest closed. An open
 * cluster shows its nodes and the edges among them; a closed one is one box. An edge between two
 * open clusters is drawn as itself; while either end's cluster is closed, all the edges between the
 * two clusters are one bundle carrying their count. GraphView draws what this describes (restricted
 * to the visible part); the property tests check it loses nothing. Pure.
 */
import type { TopoEdge, TopoNode, Topology } from '../engine/inspect/topology.ts';
import type { Cluster, ClusterModel } from './clusters.ts';

export interface Bundle {
  readonly id: string;
  readonly a: string;
  readonly b: string;
  /** How many graph edges the bundle stands for. */
  readonly count: number;
}

export interface CollapsedGraph {
  readonly nodes: readonly TopoNode[];
  readonly edges: readonly TopoEdge[];
  readonly closed: readonly Cluster[];
  readonly bundles: readonly Bundle[];
}

/** The graph with the clusters for which `isOpen` is false drawn closed. */
export function collapse(topo: Topology, model: ClusterModel, isOpen: (clusterId: string) => boolean): CollapsedGraph {
  const nodes = topo.nodes.filter((n) => isOpen(model.clusterOf.get(n.id)!));
  const edges: TopoEdge[] = [];
  for (const c of model.clusters) if (isOpen(c.id)) edges.push(...(model.internal.get(c.id) ?? []));
  const bundles: Bundle[] = [];
  for (const l of model.links) {
    if (isOpen(l.a) && isOpen(l.b)) edges.push(...l.edges);
    else bundles.push({ id: l.id, a: l.a, b: l.b, count: l.edges.length });
  }
  return { nodes, edges, closed: model.clusters.filter((c) => !isOpen(c.id)), bundles };
}
