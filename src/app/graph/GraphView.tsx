/**
 * The attachment graph: topology (engine/inspect) → layout (src/layout) → SVG rendered by React.
 * Only nodes in the viewport are rendered, and below a zoom threshold nodes drop their text, so
 * a few thousand nodes pan and zoom smoothly.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { topologyOf } from '../../engine/inspect/topology.ts';
import { layoutTopology, NODE_W } from '../../layout/layered.ts';
import { colorOf } from '../../layout/palette.ts';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { selectEngineState, selectLastDma, selectSelection } from '../../store/selectors.ts';
import { dmaPathNodes } from './dmaPath.ts';
import { GraphEdge } from './GraphEdge.tsx';
import { GraphNode } from './GraphNode.tsx';
import { ColumnBands } from './ColumnBands.tsx';
import { GraphLegend } from './GraphLegend.tsx';
import { nodeActions, type NodeAction } from './nodeActions.ts';
import { NodeMenu } from './NodeMenu.tsx';
import { useElementSize } from './useElementSize.ts';
import { useZoom } from './useZoom.ts';
import { visibleNodes } from './visible.ts';

const TEXT_ZOOM = 0.45;
/** Below this zoom a node is a few pixels tall: draw each column as one band instead of every node. */
const OVERVIEW_ZOOM = 0.12;
/** The automatic fit never zooms out further than this (the Fit button does). */
const AUTO_FIT_MIN_ZOOM = 0.4;

export function GraphView() {
  const store = useAppStoreApi();
  const state = useAppStore(selectEngineState);
  const selection = useAppStore(selectSelection);
  const lastDma = useAppStore(selectLastDma);
  const svgRef = useRef<SVGSVGElement>(null);
  const { transform, fit } = useZoom(svgRef);
  const size = useElementSize(svgRef);
  const [menu, setMenu] = useState<{ nodeId: string; x: number; y: number } | null>(null);

  const topo = useMemo(() => topologyOf(state), [state]);
  const layout = useMemo(() => layoutTopology(topo), [topo]);
  const path = useMemo(() => dmaPathNodes(state, lastDma), [state, lastDma]);
  const shapeKey = `${layout.nodes.length}:${Math.round(layout.width)}x${Math.round(layout.height)}`;

  useEffect(() => {
    if (size.width > 0) fit(layout.width, layout.height, AUTO_FIT_MIN_ZOOM);
    // Re-fit when the graph's shape or the view's size changes, not on every state change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shapeKey, size.width, size.height, fit]);

  const onSelect = useCallback((ref: string) => store.getState().select(ref), [store]);
  const onMenu = useCallback((nodeId: string, x: number, y: number) => setMenu({ nodeId, x, y }), []);
  const closeMenu = () => {
    const id = menu?.nodeId;
    setMenu(null);
    if (id) [...(svgRef.current?.querySelectorAll<SVGGElement>('[data-node]') ?? [])].find((g) => g.dataset['node'] === id)?.focus();
  };
  const onPick = (a: NodeAction) => {
    setMenu(null);
    if (a.kind === 'form') store.getState().openForm(a.op, a.prefill);
    else store.getState().apply(a.command);
  };

  const overview = transform.k < OVERVIEW_ZOOM;
  const culled = size.width > 0 ? visibleNodes(layout.nodes, transform, size.width, size.height) : layout.nodes;
  // In the overview only selected and DMA-path nodes are drawn on top of the column bands.
  const shown = overview ? culled.filter((p) => p.node.ref === selection || path.has(p.node.id)) : culled;
  const shownIds = new Set(shown.map((p) => p.node.id));
  const simple = transform.k < TEXT_ZOOM;
  const menuNode = menu ? layout.byId.get(menu.nodeId) : undefined;

  return (
    <section className="graph" aria-label="Attachment graph" data-testid="graph">
      <div className="graph-toolbar">
        <button type="button" onClick={() => fit(layout.width, layout.height)} data-testid="fit-view">
          Fit to view
        </button>
        <span className="graph-count" data-testid="graph-count">
          {topo.nodes.length} nodes · {topo.edges.length} edges
        </span>
        <GraphLegend />
      </div>
      <svg ref={svgRef} className="graph-svg" role="group" aria-label="Devices, PASIDs, domains and VMs" data-testid="graph-svg">
        <g transform={`translate(${transform.x},${transform.y}) scale(${transform.k})`}>
          {overview && <ColumnBands layout={layout} />}
          <g className="edges">
            {topo.edges.map((e) => {
              if (overview ? !(shownIds.has(e.source) && shownIds.has(e.target)) : !shownIds.has(e.source) && !shownIds.has(e.target)) return null;
              const from = layout.byId.get(e.source);
              const to = layout.byId.get(e.target);
              if (!from || !to) return null;
              const onPath = path.has(e.source) && path.has(e.target);
              const color = e.kind === 'aux' || e.kind === 'primary' || e.kind === 'backs' ? colorOf(from.node.colorKey ?? to.node.colorKey) : null;
              return <GraphEdge key={e.id} edge={e} from={from} to={to} onPath={onPath} color={color} showLabel={!simple && e.kind === 'aux'} />;
            })}
          </g>
          <g className="nodes">
            {shown.map((p) => (
              <GraphNode key={p.node.id} placed={p} selected={p.node.ref === selection} onPath={path.has(p.node.id)} simple={simple} onSelect={onSelect} onMenu={onMenu} />
            ))}
          </g>
        </g>
      </svg>
      {menu && menuNode && (
        <NodeMenu
          title={`${menuNode.node.kind} ${menuNode.node.label}`}
          actions={nodeActions(state, menuNode.node)}
          left={Math.min(size.width - 200, menu.x * transform.k + transform.x + 4)}
          top={menu.y * transform.k + transform.y + 40}
          onPick={onPick}
          onClose={closeMenu}
        />
      )}
      {selection !== null && !menu && layout.nodes.some((p) => p.node.ref === selection) && (
        <button
          type="button"
          className="node-more"
          data-testid="node-more"
          aria-label={`Actions for ${selection}`}
          onClick={() => {
            const p = layout.nodes.find((n) => n.node.ref === selection);
            if (p) setMenu({ nodeId: p.node.id, x: p.x + NODE_W, y: p.y });
          }}
        >
          ⋯ Actions for {selection}
        </button>
      )}
    </section>
  );
}
