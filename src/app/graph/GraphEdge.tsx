/** One edge: its kind picks the stroke style (see styles.css), aux edges carry their PASID label. */
import { memo } from 'react';
import type { TopoEdge } from '../../engine/inspect/topology.ts';
import { routeEdge } from '../../layout/edgeRoute.ts';
import { NODE_H, type Layout, type Placed } from '../../layout/layered.ts';

interface Props {
  readonly layout: Layout;
  readonly edge: TopoEdge;
  readonly from: Placed;
  readonly to: Placed;
  readonly onPath: boolean;
  /** Focus mode: not on the focused object's paths. */
  readonly dimmed?: boolean;
  readonly color: string | null;
  readonly showLabel: boolean;
}

export const GraphEdge = memo(function GraphEdge({
  layout,
  edge,
  from,
  to,
  onPath,
  dimmed = false,
  color,
  showLabel,
}: Props) {
  const d = routeEdge(layout, from, to);
  return (
    <g
      className={`edge edge-${edge.kind}${onPath ? ' on-path' : ''}${dimmed ? ' dimmed' : ''}`}
      data-testid={`edge-${edge.id}`}
    >
      <path d={d} style={color ? { stroke: color } : undefined} />
      {showLabel && edge.label !== null && (
        <text className="edge-label" x={to.x - 3} y={to.y + NODE_H / 2 - 4} textAnchor="end">
          {edge.label}
        </text>
      )}
    </g>
  );
});
