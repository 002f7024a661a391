/**
 * The attachment graph: topology (engine/inspect) → clusters and layout (src/layout) → SVG rendered
 * by React. Fleet-sized graphs are drawn as clusters (issue 11): far out each VM and parent device
 * is one named box with bundled edges; from OPEN_ZOOM on, or once opened, a cluster shows its nodes
 * in place. Only what is near the viewport is rendered (a margin of up to half a view on each side),
 * pan/zoom moves the viewport `<g>` directly and re-renders only when the view leaves that area or
 * crosses a level-of-detail threshold; nodes and edges are memoised, so a re-render touches only
 * what changed.
 */
import type { Placed } from '../../layout/layered.ts';
import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import {
  selectDocId,
  selectEngineState,
  selectLastDma,
  selectPositions,
  selectSelection,
} from '../../store/selectors.ts';
import { Minimap, NodeMenu } from '../panels/lazyPanels.ts';
import { ClusterLayer } from './ClusterLayer.tsx';
import { ColumnBands } from './ColumnBands.tsx';
import { dmaPathNodes } from './dmaPath.ts';
import { EdgeLayer } from './EdgeLayer.tsx';
import { FindBox } from './FindBox.tsx';
import { FocusToggle } from './FocusToggle.tsx';
import './cluster.css';
import { GraphNode } from './GraphNode.tsx';
import { GraphToolbar } from './GraphToolbar.tsx';
import { graphView, selectClosed, selectOpened, useGraphView } from './graphView.ts';
import { NodeTip } from './NodeTip.tsx';
import { boundsOf, needsRedraw, type RedrawView } from './redraw.ts';
import { litClustersOf, useFocusSet } from './useFocusMode.ts';
import { useFocusFrame } from './useFocusFrame.ts';
import { useGraphFocus } from './useGraphFocus.ts';
import { useAutoFit } from './useAutoFit.ts';
import { useClusterToggle } from './useClusterToggle.ts';
import { useAfterFirstPaint, usePlaceWhenIdle } from './useAfterFirstPaint.ts';
import { useElementSize } from './useElementSize.ts';
import { useGraphLayout } from './useGraphLayout.ts';
import { useNodeDrag } from './useNodeDrag.ts';
import { useNodeMenu } from './useNodeMenu.ts';
import { useRevealRequests } from './useRevealRequests.ts';
import { clusterIsOpen, OPEN_ZOOM, TEXT_ZOOM, useScene } from './useScene.ts';
import { toSvgTransform, useZoom, type Transform } from './useZoom.ts';
import type { Box } from './nextNode.ts';
import { contains, viewRect } from './visible.ts';
import { useTourFrame } from '../tour/useTourFrame.ts';

const NO_NODES: readonly Placed[] = [];

export function GraphView() {
  const store = useAppStoreApi();
  const state = useAppStore(selectEngineState);
  const selection = useAppStore(selectSelection);
  const lastDma = useAppStore(selectLastDma);
  const positions = useAppStore(selectPositions);
  const svgRef = useRef<SVGSVGElement>(null);
  const viewportRef = useRef<SVGGElement>(null);
  const size = useElementSize(svgRef);
  const sizeRef = useRef<RedrawView>({ ...size, margin: 0, clustered: false, bounds: { x0: 0, y0: 0, x1: 0, y1: 0 } });
  const needsCommit = useCallback((t: Transform, c: Transform) => needsRedraw(t, c, sizeRef.current), []);
  const { transform, fit, setView, latest, subscribe } = useZoom(svgRef, viewportRef, needsCommit);
  const { menu, setMenu, onMenu, closeMenu, onPick } = useNodeMenu(store);
  // "Lock layout": view state only; while locked, Shift+drag pans like a plain drag.
  const [locked, setLocked] = useState(false);

  const { topo, model, clustered, baseLayout, layout, edgesOf, linksOf } = useGraphLayout(
    state,
    positions,
    size.width,
    size.height,
  );
  // Culling margin: half a view at zoom ≥ 1, less when zoomed out; a quarter for a fleet, whose
  // dense layout would otherwise draw four screens of nodes as its clusters open.
  const margin = (Math.max(size.width, size.height) / (clustered ? 4 : 2)) * Math.min(1, Math.max(0.25, transform.k));
  const bounds = useMemo(() => boundsOf(layout, layout !== baseLayout), [layout, baseLayout]);
  sizeRef.current = { ...size, margin, clustered, bounds };
  const opened = useGraphView(selectOpened);
  const closed = useGraphView(selectClosed);
  const focusMode = useAppStore((s) => s.focusMode);
  const path = useMemo(() => dmaPathNodes(state, lastDma), [state, lastDma]);
  // Focus mode: what is on the selection's paths (engine/inspect/paths.ts) stays lit, the rest is dimmed.
  const focusSet = useFocusSet();
  const litClusters = useMemo(() => litClustersOf(focusSet, model.clusterOf), [focusSet, model]);
  const edgeKinds = useMemo(() => new Set<string>(topo.edges.map((e) => e.kind)), [topo]);
  const docId = useAppStore(selectDocId);
  const { fitted, shapeKey } = useAutoFit(baseLayout, clustered, docId, size.width, size.height, latest, fit);
  // A tour stop frames its own nodes (after the auto-fit above, so it wins).
  useTourFrame(layout, size.width, size.height, shapeKey, setView);
  useRevealRequests(layout, size.width, size.height, latest, setView);
  const selectedPlaced = selection === null ? undefined : layout.nodes.find((n) => n.node.ref === selection);
  useFocusFrame(focusSet, selectedPlaced?.node.id, layout, size.width, size.height, setView);

  const onSelect = useCallback((ref: string) => store.getState().select(ref), [store]);
  const clusterToggle = useClusterToggle(layout, sizeRef, setView);
  const onNodeDrag = useNodeDrag(store, latest, layout.flow);

  const simple = transform.k < (clustered ? OPEN_ZOOM : TEXT_ZOOM);
  const { scene, overview, shown, shownIds, edges } = useScene({
    layout,
    clustered,
    clusterOf: model.clusterOf,
    edgesOf,
    linksOf,
    opened,
    closed,
    transform,
    width: size.width,
    height: size.height,
    margin,
    fitted,
    selection,
    path,
    lit: litClusters,
  });
  const menuNode = menu ? layout.byId.get(menu.nodeId) : undefined;
  const hasNodes = shown.length > 0 || (scene?.closed.length ?? 0) > 0;
  useEffect(() => {
    // For bench/ui.bench.ts: when the first nodes reached the DOM.
    if (hasNodes && performance.getEntriesByName('atlas:first-graph').length === 0)
      performance.mark('atlas:first-graph');
  }, [hasNodes]);
  const minimapOn = useAfterFirstPaint(hasNodes);
  usePlaceWhenIdle(baseLayout, minimapOn);
  const onScreen = useCallback(
    (b: Box) =>
      contains(viewRect(latest.current, sizeRef.current.width, sizeRef.current.height), {
        x0: b.x,
        y0: b.y,
        x1: b.x + b.w,
        y1: b.y + b.h,
      }),
    [latest],
  );
  const reveal = useCallback(
    (b: Box) => {
      const k = latest.current.k;
      setView({
        k,
        x: sizeRef.current.width / 2 - (b.x + b.w / 2) * k,
        y: sizeRef.current.height / 2 - (b.y + b.h / 2) * k,
      });
    },
    [latest, setView],
  );
  const isOpen = useMemo(
    () => clusterIsOpen(clustered, transform.k, opened, closed),
    [clustered, transform.k, opened, closed],
  );
  const shownClusters = useMemo(() => scene?.closed.map((c) => c.cluster.id) ?? [], [scene]);
  const focus = useGraphFocus({
    svgRef,
    layout,
    clustered,
    isOpen,
    edgesOf,
    shownIds,
    firstShown: shown[0]?.node.id,
    shownClusters,
    selectedId: selectedPlaced?.node.id,
    onScreen,
    reveal,
    onClose: clusterToggle.onClose,
    focusMode,
  });
  const tipNode = focus.tipId === null || menu ? undefined : layout.byId.get(focus.tipId);
  const svgEl = tipNode ? svgRef.current : null;
  const svgTop = svgEl
    ? svgEl.getBoundingClientRect().top - (svgEl.parentElement?.getBoundingClientRect().top ?? 0)
    : 0;

  return (
    <section className="graph" id="graph-area" tabIndex={-1} aria-label="Attachment graph" data-testid="graph">
      <GraphToolbar
        nodeCount={topo.nodes.length}
        edgeCount={topo.edges.length}
        edgeKinds={edgeKinds}
        moved={Object.keys(positions).length > 0}
        locked={locked}
        selection={selection}
        onFit={() => {
          // Fit shows the overview: clusters opened on the way close again.
          graphView.getState().reset();
          fit(layout.width, layout.height, layout.fitZoom);
        }}
        onReset={() => store.getState().resetPositions()}
        onLock={() => setLocked(!locked)}
        onActions={
          selectedPlaced && !menu
            ? () =>
                setMenu({ nodeId: selectedPlaced.node.id, x: selectedPlaced.x + selectedPlaced.w, y: selectedPlaced.y })
            : undefined
        }
      >
        <FocusToggle />
        <FindBox topology={topo} />
      </GraphToolbar>
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
          {scene && (
            <ClusterLayer
              scene={scene}
              k={transform.k}
              total={layout.clusters.length}
              groups={layout.groups}
              groupZoom={layout.groupZoom}
              tabStopId={focus.clusterTabStopId}
              onOpen={clusterToggle.onOpen}
              onClose={clusterToggle.onClose}
              focusSet={focusSet}
              litClusters={litClusters}
            />
          )}
          <EdgeLayer layout={layout} edges={edges} path={path} simple={simple} focusSet={focusSet} />
          <g className="nodes">
            {shown.map((p) => (
              <GraphNode
                key={p.node.id}
                placed={p}
                tabStop={p.node.id === focus.tabStopId}
                describedBy={p.node.id === tipNode?.node.id ? 'node-tip' : undefined}
                selected={p.node.ref === selection}
                onPath={path.has(p.node.id)}
                focus={focusSet === null ? undefined : focusSet.has(p.node.id) ? 'in' : 'out'}
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
      {/* Its own chunk: only graphs larger than the view need it, and only after the graph's first paint
          (asking React for a lazy component starts its import: a stylesheet link and a chunk in the first
          graph's task). A fleet's minimap draws its cluster boxes, not its nodes. */}
      <Suspense fallback={null}>
        {minimapOn && (
          <Minimap
            nodes={clustered ? NO_NODES : layout.nodes}
            width={layout.width}
            height={layout.height}
            viewW={size.width}
            viewH={size.height}
            latest={latest}
            subscribe={subscribe}
            setView={setView}
            lit={focusSet}
            clusters={layout.clusters}
            links={model.links}
            litClusters={litClusters}
          />
        )}
      </Suspense>
      <p id="graph-keys" className="visually-hidden">
        One Tab stop: arrow keys move between connected nodes, Enter opens a node&apos;s actions, Space selects it. Drag
        pans the view, even from a node; Shift+drag moves a node unless Lock layout is on. Slash finds a node by id,
        BDF, PASID, DID or VM name. F focuses on the selection&apos;s paths: it is centred at a readable zoom with as
        many of its paths as fit, the rest dimmed; Esc leaves. In a large graph the arrow keys move between clusters
        too; Enter or Space opens a cluster, Backspace (or Esc outside focus mode) on one of its nodes closes it.
      </p>
      <p aria-live="polite" className="visually-hidden" data-testid="cluster-status">
        {clusterToggle.said}
      </p>
      {tipNode && <NodeTip placed={tipNode} transform={latest.current} top={svgTop} width={size.width} />}
      {menu && menuNode && (
        <Suspense fallback={null}>
          <NodeMenu
            state={state}
            node={menuNode.node}
            left={Math.max(0, Math.min(size.width - 200, menu.x * transform.k + transform.x + 4))}
            top={menu.y * transform.k + transform.y + 40}
            onPick={onPick}
            onClose={closeMenu}
          />
        </Suspense>
      )}
    </section>
  );
}
