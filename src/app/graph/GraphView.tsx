/**
 * The attachment graph: topology (engine/inspect) → layout (src/layout) → SVG rendered by React.
 * Only nodes near the viewport are rendered (a margin of half a view on each side), pan/zoom moves
 * the viewport `<g>` directly and re-renders only when the view leaves that area or crosses a
 * level-of-detail threshold; nodes and edges are memoised, so a re-render touches only what changed.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { TopoEdge } from '../../engine/inspect/topology.ts';
import { topologyOf } from '../../engine/inspect/topology.ts';
import { layoutTopology, NODE_H, type Placed } from '../../layout/layered.ts';
import { withPositions } from '../../layout/pinned.ts';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { selectEngineState, selectLastDma, selectPositions, selectSelection } from '../../store/selectors.ts';
import { ColumnBands } from './ColumnBands.tsx';
import { dmaPathNodes } from './dmaPath.ts';
import { edgeColor, showEdgeLabel } from './edgeStyle.ts';
import { GraphEdge } from './GraphEdge.tsx';
import { GraphLegend } from './GraphLegend.tsx';
import { GraphNode } from './GraphNode.tsx';
import { nodeActions, type NodeAction } from './nodeActions.ts';
import { NodeMenu } from './NodeMenu.tsx';
import { NodeTip } from './NodeTip.tsx';
import { useGraphFocus } from './useGraphFocus.ts';
import { useElementSize } from './useElementSize.ts';
import { toSvgTransform, useZoom, type Transform } from './useZoom.ts';
import { contains, viewRect, visibleNodes } from './visible.ts';
import { useTourFrame } from '../tour/useTourFrame.ts';

const TEXT_ZOOM = 0.45;
/** Below this zoom a node is a few pixels tall: draw each column as one band instead of every node. */
const OVERVIEW_ZOOM = 0.12;
/** The automatic fit never zooms out further than this (labels stay >= ~12 px; the Fit button shows all). */
const AUTO_FIT_MIN_ZOOM = 0.9;

const detailLevel = (k: number) => (k < OVERVIEW_ZOOM ? 0 : k < TEXT_ZOOM ? 1 : 2);

export function GraphView() {
  const store = useAppStoreApi();
  const state = useAppStore(selectEngineState);
  const selection = useAppStore(selectSelection);
  const lastDma = useAppStore(selectLastDma);
  const positions = useAppStore(selectPositions);
  const svgRef = useRef<SVGSVGElement>(null);
  const viewportRef = useRef<SVGGElement>(null);
  const size = useElementSize(svgRef);
  const margin = Math.max(size.width, size.height) / 2;
  const sizeRef = useRef({ ...size, margin });
  sizeRef.current = { ...size, margin };
  const needsCommit = useCallback((t: Transform, c: Transform) => {
    const { width, height, margin: m } = sizeRef.current;
    return (
      detailLevel(t.k) !== detailLevel(c.k) || !contains(viewRect(c, width, height, m), viewRect(t, width, height))
    );
  }, []);
  const { transform, fit, setView, latest } = useZoom(svgRef, viewportRef, needsCommit);
  const [fitted, setFitted] = useState(false);
  const [menu, setMenu] = useState<{ nodeId: string; x: number; y: number } | null>(null);
  // "Lock layout": view state only; while locked, Shift+drag pans like a plain drag.
  const [locked, setLocked] = useState(false);

  const topo = useMemo(() => topologyOf(state), [state]);
  const baseLayout = useMemo(() => layoutTopology(topo), [topo]);
  const layout = useMemo(() => withPositions(baseLayout, positions), [baseLayout, positions]);
  const edgesOf = useMemo(() => {
    const m = new Map<string, TopoEdge[]>();
    for (const e of topo.edges) {
      (m.get(e.source) ?? m.set(e.source, []).get(e.source)!).push(e);
      (m.get(e.target) ?? m.set(e.target, []).get(e.target)!).push(e);
    }
    return m;
  }, [topo]);
  const path = useMemo(() => dmaPathNodes(state, lastDma), [state, lastDma]);
  const edgeKinds = useMemo(() => new Set<string>(topo.edges.map((e) => e.kind)), [topo]);
  const shapeKey = `${baseLayout.nodes.length}:${Math.round(baseLayout.width)}x${Math.round(baseLayout.height)}`;

  useLayoutEffect(() => {
    if (size.width > 0 && fit(baseLayout.width, baseLayout.height, AUTO_FIT_MIN_ZOOM)) setFitted(true);
    // Re-fit when the graph's shape or the view's size changes, not on every state change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shapeKey, size.width, size.height, fit]);
  // A tour stop frames its own nodes (after the auto-fit above, so it wins).
  useTourFrame(layout, size.width, size.height, shapeKey, setView);

  const onSelect = useCallback((ref: string) => store.getState().select(ref), [store]);
  const onMenu = useCallback((nodeId: string, x: number, y: number) => setMenu({ nodeId, x, y }), []);
  const onDrag = useCallback(
    (p: Placed, dx: number, dy: number) => {
      const k = latest.current.k;
      store.getState().moveNode(p.node.id, { x: p.x + dx / k, y: p.y + dy / k });
    },
    [store, latest],
  );
  // A drag reports movement from where it started: remember the position at drag start.
  const dragBase = useRef<{ id: string; placed: Placed } | null>(null);
  const onNodeDrag = useCallback(
    (p: Placed, dx: number, dy: number, done: boolean) => {
      if (dragBase.current?.id !== p.node.id) dragBase.current = { id: p.node.id, placed: p };
      onDrag(dragBase.current.placed, dx, dy);
      if (done) dragBase.current = null;
    },
    [onDrag],
  );
  const closeMenu = () => {
    const id = menu?.nodeId;
    setMenu(null);
    if (id)
      [...(svgRef.current?.querySelectorAll<SVGGElement>('[data-node]') ?? [])]
        .find((g) => g.dataset['node'] === id)
        ?.focus();
  };
  const onPick = (a: NodeAction) => {
    setMenu(null);
    if (a.kind === 'form') store.getState().openForm(a.op, a.prefill);
    else if (a.kind === 'intent') store.getState().openIntent(a.intent, a.prefill);
    else store.getState().apply(a.command);
  };

  const measured = size.width > 0 && size.height > 0;
  const overview = transform.k < OVERVIEW_ZOOM;
  const simple = transform.k < TEXT_ZOOM;
  // Unmeasured (jsdom, or before the first layout pass): no culling; measured but not yet
  // fitted: nothing, so the first real render is already at the fitted zoom.
  const culled = !measured
    ? layout.nodes
    : fitted
      ? visibleNodes(layout, viewRect(transform, size.width, size.height, margin))
      : [];
  // In the overview only selected and DMA-path nodes are drawn on top of the column bands.
  const shown = overview ? culled.filter((p) => p.node.ref === selection || path.has(p.node.id)) : culled;
  const shownIds = new Set(shown.map((p) => p.node.id));
  const edges = new Set<TopoEdge>();
  for (const p of shown)
    for (const e of edgesOf.get(p.node.id) ?? [])
      if (!overview || (shownIds.has(e.source) && shownIds.has(e.target))) edges.add(e);
  const menuNode = menu ? layout.byId.get(menu.nodeId) : undefined;
  const hasNodes = shown.length > 0;
  useEffect(() => {
    // For bench/ui.bench.ts: when the first nodes reached the DOM.
    if (hasNodes && performance.getEntriesByName('atlas:first-graph').length === 0)
      performance.mark('atlas:first-graph');
  }, [hasNodes]);
  const selectedPlaced = selection === null ? undefined : layout.nodes.find((n) => n.node.ref === selection);
  const onScreen = useCallback(
    (p: Placed) =>
      contains(viewRect(latest.current, sizeRef.current.width, sizeRef.current.height), {
        x0: p.x,
        y0: p.y,
        x1: p.x + p.w,
        y1: p.y + NODE_H,
      }),
    [latest],
  );
  const reveal = useCallback(
    (p: Placed) => {
      const k = latest.current.k;
      setView({
        k,
        x: sizeRef.current.width / 2 - (p.x + p.w / 2) * k,
        y: sizeRef.current.height / 2 - (p.y + NODE_H / 2) * k,
      });
    },
    [latest, setView],
  );
  const focus = useGraphFocus({
    svgRef,
    layout,
    edgesOf,
    shownIds,
    firstShown: shown[0]?.node.id,
    selectedId: selectedPlaced?.node.id,
    onScreen,
    reveal,
  });
  const tipNode = focus.tipId === null || menu ? undefined : layout.byId.get(focus.tipId);
  const svgEl = tipNode ? svgRef.current : null;
  const svgTop = svgEl
    ? svgEl.getBoundingClientRect().top - (svgEl.parentElement?.getBoundingClientRect().top ?? 0)
    : 0;

  return (
    <section className="graph" id="graph-area" tabIndex={-1} aria-label="Attachment graph" data-testid="graph">
      <div className="graph-toolbar">
        <button type="button" onClick={() => fit(layout.width, layout.height)} data-testid="fit-view">
          Fit to view
        </button>
        {Object.keys(positions).length > 0 && (
          <button type="button" onClick={() => store.getState().resetPositions()} data-testid="reset-positions">
            Reset layout
          </button>
        )}
        <button
          type="button"
          aria-pressed={locked}
          onClick={() => setLocked(!locked)}
          data-testid="lock-layout"
          title="Drag pans the view; Shift+drag moves a node unless the layout is locked"
        >
          Lock layout
        </button>
        <span className="graph-count" data-testid="graph-count">
          {topo.nodes.length} nodes · {topo.edges.length} edges
        </span>
        {selectedPlaced && !menu && (
          <button
            type="button"
            className="node-more"
            data-testid="node-more"
            aria-label={`Actions for ${selection}`}
            onClick={() =>
              setMenu({ nodeId: selectedPlaced.node.id, x: selectedPlaced.x + selectedPlaced.w, y: selectedPlaced.y })
            }
          >
            ⋯ Actions<span className="node-more-name"> for {selection}</span>
          </button>
        )}
        <GraphLegend present={edgeKinds} />
      </div>
      <svg
        ref={svgRef}
        className="graph-svg"
        role="group"
        aria-label="Devices, PASIDs, domains and VMs"
        aria-describedby="graph-keys"
        data-testid="graph-svg"
        {...focus.handlers}
      >
        <g ref={viewportRef} transform={toSvgTransform(transform)}>
          {overview && <ColumnBands layout={layout} />}
          <g className="edges">
            {[...edges].map((e) => {
              const from = layout.byId.get(e.source);
              const to = layout.byId.get(e.target);
              if (!from || !to) return null;
              const onPath = path.has(e.source) && path.has(e.target);
              return (
                <GraphEdge
                  key={e.id}
                  layout={layout}
                  edge={e}
                  from={from}
                  to={to}
                  onPath={onPath}
                  color={edgeColor(e, from, to)}
                  showLabel={!simple && showEdgeLabel(e, from, to)}
                />
              );
            })}
          </g>
          <g className="nodes">
            {shown.map((p) => (
              <GraphNode
                key={p.node.id}
                placed={p}
                tabStop={p.node.id === focus.tabStopId}
                describedBy={p.node.id === tipNode?.node.id ? 'node-tip' : undefined}
                selected={p.node.ref === selection}
                onPath={path.has(p.node.id)}
                simple={simple}
                onSelect={onSelect}
                onMenu={onMenu}
                onDrag={onNodeDrag}
                movable={!locked}
              />
            ))}
          </g>
        </g>
      </svg>
      <p id="graph-keys" className="visually-hidden">
        One Tab stop: arrow keys move between connected nodes, Enter opens a node&apos;s actions, Space selects it. Drag
        pans the view, even from a node; Shift+drag moves a node unless Lock layout is on.
      </p>
      {tipNode && <NodeTip placed={tipNode} transform={latest.current} top={svgTop} width={size.width} />}
      {menu && menuNode && (
        <NodeMenu
          title={`${menuNode.node.kind} ${menuNode.node.label}`}
          actions={nodeActions(state, menuNode.node)}
          left={Math.max(0, Math.min(size.width - 200, menu.x * transform.k + transform.x + 4))}
          top={menu.y * transform.k + transform.y + 40}
          onPick={onPick}
          onClose={closeMenu}
        />
      )}
    </section>
  );
}
