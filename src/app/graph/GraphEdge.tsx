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
        // Beside where the edge enters its node: its left side, or its top in the top-to-bottom layout.
        <text
          className="edge-label"
          x={layout.flow === 'down' ? to.x + to.w / 2 + 4 : to.x - 3}
          y={layout.flow === 'down' ? to.y - 4 : to.y + NODE_H / 2 - 4}
          textAnchor={layout.flow === 'down' ? 'start' : 'end'}
        >
          {edge.label}
        </text>
      )}
    </g>
  );
});
