/** The drawn edges: each routed between its two placed nodes, coloured by kind, DMA-path edges marked. */
import type { TopoEdge } from '../../engine/inspect/topology.ts';
import type { Layout } from '../../layout/layered.ts';
import { edgeColor, showEdgeLabel } from './edgeStyle.ts';
import { GraphEdge } from './GraphEdge.tsx';

interface Props {
  readonly layout: Layout;
  readonly edges: readonly TopoEdge[];
  readonly path: ReadonlySet<string>;
  /** No edge labels (low zoom). */
  readonly simple: boolean;
  /** Focus mode: edges not joining two objects of this set are dimmed (null when off). */
  readonly focusSet?: ReadonlySet<string> | null;
}

export function EdgeLayer({ layout, edges, path, simple, focusSet = null }: Props) {
  return (
    <g className="edges">
      {edges.map((e) => {
        const from = layout.byId.get(e.source);
        const to = layout.byId.get(e.target);
        if (!from || !to) return null;
        return (
          <GraphEdge
            key={e.id}
            layout={layout}
            edge={e}
            from={from}
            to={to}
            onPath={path.has(e.source) && path.has(e.target)}
            dimmed={focusSet !== null && !(focusSet.has(e.source) && focusSet.has(e.target))}
            color={edgeColor(e, from, to)}
            showLabel={!simple && showEdgeLabel(e, from, to)}
          />
        );
      })}
    </g>
  );
}
