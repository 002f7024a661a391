/**
 * The graph is one Tab stop (roving tabindex, as xyflow): one node holds tabIndex 0 (the last
 * focused, else the selected, else the first drawn) — or, when no node is drawn, one closed
 * cluster (the last focused, else the first drawn). Arrows move focus that way (nextNode.ts; in a
 * clustered graph clusterTargets.ts, between closed clusters and the nodes of open ones), panning
 * the target into view first when it is off screen or culled. Backspace on a node of an open
 * cluster (or Esc, when focus mode is not on) closes the cluster and focuses its box. Also which
 * node's full label is shown (NodeTip): the focused or hovered one.
 */
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type PointerEvent,
  type RefObject,
} from 'react';
import type { TopoEdge } from '../../engine/inspect/topology.ts';
import type { ClusterLayout } from '../../layout/clusterLayout.ts';
import { NODE_H } from '../../layout/layered.ts';
import type { Adjacency } from './adjacency.ts';
import { nextTarget, targetOfCluster, targetOfNode, type Target } from './clusterTargets.ts';
import { ARROW_KEYS, nextNode, type Box } from './nextNode.ts';

interface Options {
  readonly svgRef: RefObject<SVGSVGElement | null>;
  readonly layout: ClusterLayout;
  readonly clustered: boolean;
  /** Is the cluster drawn open at the current zoom? */
  readonly isOpen: (clusterId: string) => boolean;
  readonly edgesOf: Adjacency<TopoEdge>;
  readonly shownIds: ReadonlySet<string>;
  readonly firstShown: string | undefined;
  /** The closed clusters drawn now (the Tab stop is one of them when no node is drawn). */
  readonly shownClusters: readonly string[];
  readonly selectedId: string | undefined;
  /** Is the box wholly on screen at the current pan/zoom? */
  readonly onScreen: (b: Box) => boolean;
  /** Pan so the box is in the middle of the view. */
  readonly reveal: (b: Box) => void;
  /** Close a cluster the user opened (or that the zoom opened). */
  readonly onClose: (clusterId: string) => void;
  /** Is focus mode on (then Esc leaves it rather than closing a cluster)? */
  readonly focusMode: boolean;
}

const nodeIdOf = (t: EventTarget | null): string | null =>
  t instanceof Element ? (t.closest<SVGGElement>('[data-node]')?.dataset['node'] ?? null) : null;
/** A closed cluster's box (a button), not an open cluster's frame. */
const clusterIdOf = (t: EventTarget | null): string | null =>
  t instanceof Element ? (t.closest<SVGGElement>('[data-cluster][role="button"]')?.dataset['cluster'] ?? null) : null;

export function useGraphFocus(o: Options) {
  const { svgRef, layout, clustered, isOpen, edgesOf, shownIds, firstShown, shownClusters, selectedId } = o;
  const { onScreen, reveal, onClose, focusMode } = o;
  const [focusId, setFocusId] = useState<string | null>(null);
  const [tipId, setTipId] = useState<string | null>(null);
  const pending = useRef<string | null>(null);

  const tabStopId =
    [focusId, selectedId].find((id): id is string => id != null && shownIds.has(id)) ?? firstShown ?? null;
  const clusterTabStopId =
    tabStopId !== null
      ? null
      : focusId !== null && shownClusters.includes(focusId)
        ? focusId
        : (shownClusters[0] ?? null);

  // Focus what a move asked for once it is drawn (after a pan brought it into the culled set).
  useEffect(() => {
    const id = pending.current;
    if (id === null) return;
    const el = [
      ...(svgRef.current?.querySelectorAll<SVGGElement>('[data-node], [data-cluster][role="button"]') ?? []),
    ].find((g) => (g.dataset['node'] ?? g.dataset['cluster']) === id);
    if (el) {
      pending.current = null;
      el.focus({ preventScroll: true });
    }
  });

  const moveTo = useCallback(
    (id: string, box: Box) => {
      setFocusId(id);
      pending.current = id;
      if (!onScreen(box)) reveal(box);
    },
    [onScreen, reveal],
  );

  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const node = nodeIdOf(e.target);
      const cluster = node === null ? clusterIdOf(e.target) : null;
      const inCluster = node === null ? undefined : layout.byId.get(node)?.cluster;
      if ((e.key === 'Backspace' || (e.key === 'Escape' && !focusMode)) && clustered && inCluster !== undefined) {
        e.preventDefault();
        onClose(inCluster);
        setFocusId(inCluster);
        pending.current = inCluster;
        return;
      }
      const dir = ARROW_KEYS[e.key];
      if (dir === undefined || (node === null && cluster === null)) return;
      e.preventDefault();
      const neighbours = node === null ? [] : edgesOf(node).map((x) => (x.source === node ? x.target : x.source));
      if (!clustered && node !== null) {
        const to = nextNode(layout, neighbours, node, dir);
        const p = to === null ? undefined : layout.byId.get(to);
        if (to !== null && p !== undefined) moveTo(to, { x: p.x, y: p.y, w: p.w, h: NODE_H });
        return;
      }
      const from: Target | null =
        node !== null ? targetOfNode(layout, isOpen, node) : targetOfCluster(layout, cluster ?? '');
      const to = from === null ? null : nextTarget(layout, isOpen, from, neighbours, dir);
      if (to !== null) moveTo(to.id, to);
    },
    [edgesOf, layout, clustered, isOpen, focusMode, onClose, moveTo],
  );

  const handlers = {
    onKeyDown,
    onFocus: (e: FocusEvent) => {
      const id = nodeIdOf(e.target);
      if (id !== null) {
        setFocusId(id);
        setTipId(id);
        return;
      }
      const c = clusterIdOf(e.target);
      if (c !== null) setFocusId(c);
    },
    onBlur: () => setTipId(null),
    onPointerOver: (e: PointerEvent) => setTipId(nodeIdOf(e.target)),
    onPointerLeave: () => setTipId(null),
  };
  return { tabStopId, clusterTabStopId, tipId, handlers };
}
