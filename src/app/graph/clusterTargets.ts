/**
 * Arrow keys in a clustered graph (issue 11): what focus can move to is every closed cluster (one
 * box) and every node of an open cluster, wherever it is (not only what is drawn: the view pans to
 * it). From a node, its linked targets come first (a link into a closed cluster leads to that
 * cluster), then the nearest target that way; from a closed cluster, the nearest target. Pure.
 */
import type { ClusterLayout } from '../../layout/clusterLayout.ts';
import { NODE_H } from '../../layout/layered.ts';
import { toward, type Box, type Direction } from './nextNode.ts';

export interface Target extends Box {
  /** A node id, or a cluster id when `cluster`. */
  readonly id: string;
  readonly cluster: boolean;
}

const self = (t: Target): Box => t;

/** The target standing for node `id`: itself in an open cluster, its cluster's box in a closed one. */
export function targetOfNode(layout: ClusterLayout, isOpen: (c: string) => boolean, id: string): Target | null {
  const p = layout.byId.get(id);
  if (p === undefined) return null;
  if (p.cluster !== undefined && !isOpen(p.cluster)) return targetOfCluster(layout, p.cluster);
  return { id, cluster: false, x: p.x, y: p.y, w: p.w, h: NODE_H };
}

export function targetOfCluster(layout: ClusterLayout, id: string): Target | null {
  const c = layout.clusterById.get(id);
  return c === undefined ? null : { id, cluster: true, x: c.x, y: c.y, w: c.w, h: c.h };
}

function* allTargets(layout: ClusterLayout, isOpen: (c: string) => boolean): Generator<Target> {
  for (const c of layout.clusters) {
    if (!isOpen(c.cluster.id)) yield { id: c.cluster.id, cluster: true, x: c.x, y: c.y, w: c.w, h: c.h };
    else
      for (const col of layout.columns.slice(c.col0, c.col1))
        for (const p of col.nodes) yield { id: p.node.id, cluster: false, x: p.x, y: p.y, w: p.w, h: NODE_H };
  }
}

/** Where an arrow moves focus from `from` (a node's neighbours first), or null when nothing lies that way. */
export function nextTarget(
  layout: ClusterLayout,
  isOpen: (c: string) => boolean,
  from: Target,
  neighbours: Iterable<string>,
  dir: Direction,
): Target | null {
  const linked: Target[] = [];
  if (!from.cluster)
    for (const id of neighbours) {
      const t = targetOfNode(layout, isOpen, id);
      if (t !== null && t.id !== from.id) linked.push(t);
    }
  const others = (function* () {
    for (const t of allTargets(layout, isOpen)) if (t.id !== from.id) yield t;
  })();
  return toward(from, linked, self, dir) ?? toward(from, others, self, dir);
}
