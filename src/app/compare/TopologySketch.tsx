/** A read-only drawing of a state's attachment graph (same layout and styles as the workbench graph, no interaction). */
import { useMemo } from 'react';
import type { EngineState } from '../../engine/index.ts';
import { topologyOf } from '../../engine/inspect/topology.ts';
import { routeEdge } from '../../layout/edgeRoute.ts';
import { NODE_H, layoutTopology } from '../../layout/layered.ts';
import { colorOf } from '../../layout/palette.ts';

/** `marked`: node ids to outline (Compare marks what the other pane lacks or draws differently). */
export function TopologySketch({
  state,
  label,
  marked,
}: {
  state: EngineState;
  label: string;
  marked?: ReadonlySet<string>;
}) {
  const { topo, layout } = useMemo(() => {
    const t = topologyOf(state);
    return { topo: t, layout: layoutTopology(t) };
  }, [state]);
  const pad = 6;
  return (
    <figure className="compare-graph">
      <svg
        role="img"
        aria-label={`${label}: ${topo.nodes.length} nodes, ${topo.edges.length} edges`}
        viewBox={`${-pad} ${-pad} ${layout.width + 2 * pad} ${layout.height + 2 * pad}`}
        preserveAspectRatio="xMidYMin meet"
        data-testid="compare-graph-svg"
      >
        <g className="edges">
          {topo.edges.map((e) => {
            const from = layout.byId.get(e.source);
            const to = layout.byId.get(e.target);
            if (!from || !to) return null;
            const colored = e.kind === 'aux' || e.kind === 'pasid' || e.kind === 'primary' || e.kind === 'backs';
            return (
              <g key={e.id} className={`edge edge-${e.kind}`}>
                <path
                  d={routeEdge(layout, from, to)}
                  style={colored ? { stroke: colorOf(from.node.colorKey ?? to.node.colorKey) } : undefined}
                />
              </g>
            );
          })}
        </g>
        <g className="nodes">
          {layout.nodes.map((p) => (
            <g
              key={p.node.id}
              className={`node node-${p.node.kind}${marked?.has(p.node.id) ? ' is-diff' : ''}`}
              transform={`translate(${p.x},${p.y})`}
              data-node={p.node.id}
            >
              <rect className="node-box" width={p.w} height={NODE_H} rx={p.node.kind === 'pasid' ? 18 : 6} />
              <rect className="node-accent" width={5} height={NODE_H} rx={2} fill={colorOf(p.node.colorKey)} />
              <text className="node-label" x={10} y={15}>
                {p.node.label}
              </text>
              <text className="node-detail" x={10} y={29}>
                {p.detail}
              </text>
            </g>
          ))}
        </g>
      </svg>
      <figcaption className="muted">
        {topo.nodes.length} nodes · {topo.edges.length} edges
        {marked !== undefined && marked.size > 0 ? ` · ${marked.size} marked as different (dashed outline)` : ''}
      </figcaption>
    </figure>
  );
}
