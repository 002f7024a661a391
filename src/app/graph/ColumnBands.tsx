/** Overview rendering for very low zoom: one band per column with its node count. */
import { memo } from 'react';
import { NODE_H, type Layout } from '../../layout/layered.ts';

export const ColumnBands = memo(function ColumnBands({ layout }: { layout: Layout }) {
  return (
    <g className="column-bands" data-testid="column-bands">
      {layout.columns.map((c) => {
        const first = c.nodes[0];
        const last = c.nodes[c.nodes.length - 1];
        if (!first || !last) return null;
        const kinds = [...new Set(c.nodes.map((p) => p.node.kind))].join('/');
        return (
          <g key={c.x}>
            <rect className="band" x={c.x} y={first.y} width={c.w} height={last.y + NODE_H - first.y} rx={12} />
            {/* Above its column; left of its row in the top-to-bottom layout, whose rows are close. */}
            <text
              className="band-label"
              x={layout.flow === 'down' ? c.x - 16 : c.x + c.w / 2}
              y={layout.flow === 'down' ? first.y + NODE_H / 2 : first.y - 40}
              textAnchor={layout.flow === 'down' ? 'end' : 'middle'}
              fontSize={Math.max(14, layout.height / 60)}
            >
              {c.nodes.length} {kinds}
            </text>
          </g>
        );
      })}
    </g>
  );
});
