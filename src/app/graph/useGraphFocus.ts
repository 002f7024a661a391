/**
 * The graph is one Tab stop (roving tabindex, as xyflow): one node holds tabIndex 0 (the last
 * focused, else the selected, else the first drawn); arrows move focus to the next node that way
 * (nextNode.ts), panning it into view first when it is off screen or culled. Also which node's
 * full label is shown (NodeTip): the focused or hovered one.
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
import type { Layout, Placed } from '../../layout/layered.ts';
import { ARROW_KEYS, nextNode } from './nextNode.ts';

interface Options {
  readonly svgRef: RefObject<SVGSVGElement | null>;
  readonly layout: Layout;
  readonly edgesOf: ReadonlyMap<string, readonly TopoEdge[]>;
  readonly shownIds: ReadonlySet<string>;
  readonly firstShown: string | undefined;
  readonly selectedId: string | undefined;
  /** Is the node wholly on screen at the current pan/zoom? */
  readonly onScreen: (p: Placed) => boolean;
  /** Pan so the node is in the middle of the view. */
  readonly reveal: (p: Placed) => void;
}

const nodeIdOf = (t: EventTarget | null): string | null =>
  t instanceof Element ? (t.closest<SVGGElement>('[data-node]')?.dataset['node'] ?? null) : null;

export function useGraphFocus({
  svgRef,
  layout,
  edgesOf,
  shownIds,
  firstShown,
  selectedId,
  onScreen,
  reveal,
}: Options) {
  const [focusId, setFocusId] = useState<string | null>(null);
  const [tipId, setTipId] = useState<string | null>(null);
  const pending = useRef<string | null>(null);

  const tabStopId =
    [focusId, selectedId].find((id): id is string => id != null && shownIds.has(id)) ?? firstShown ?? null;

  // Focus a node that a move asked for once it is drawn (after a pan brought it into the culled set).
  useEffect(() => {
    const id = pending.current;
    if (id === null || !shownIds.has(id)) return;
    const el = [...(svgRef.current?.querySelectorAll<SVGGElement>('[data-node]') ?? [])].find(
      (g) => g.dataset['node'] === id,
    );
    if (el) {
      pending.current = null;
      el.focus({ preventScroll: true });
    }
  });

  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      const dir = ARROW_KEYS[e.key];
      const from = nodeIdOf(e.target);
      if (dir === undefined || from === null || e.altKey || e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      const neighbours = (edgesOf.get(from) ?? []).map((edge) => (edge.source === from ? edge.target : edge.source));
      const to = nextNode(layout, neighbours, from, dir);
      const placed = to === null ? undefined : layout.byId.get(to);
      if (to === null || placed === undefined) return;
      setFocusId(to);
      pending.current = to;
      if (!onScreen(placed)) reveal(placed);
    },
    [edgesOf, layout, onScreen, reveal],
  );

  const handlers = {
    onKeyDown,
    onFocus: (e: FocusEvent) => {
      const id = nodeIdOf(e.target);
      if (id !== null) {
        setFocusId(id);
        setTipId(id);
      }
    },
    onBlur: () => setTipId(null),
    onPointerOver: (e: PointerEvent) => setTipId(nodeIdOf(e.target)),
    onPointerLeave: () => setTipId(null),
  };
  return { tabStopId, tipId, handlers };
}
