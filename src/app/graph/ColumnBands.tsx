/** Overview rendering for very low zoom: one band per column with its node count. */
import { memo } from 'react';
import { NODE_H, NODE_W, type Layout } from '../../layout/layered.ts';

export const ColumnBands = memo(function ColumnBands({ layout }: { layout: Layout }) {
  const cols = new Map<number, { top: number; bottom: number; count: number; kinds: Set<string> }>();
  for (const p of layout.nodes) {
    const c = cols.get(p.x) ?? { top: p.y, bottom: p.y + NODE_H, count: 0, kinds: new Set<string>() };
    c.top = Math.min(c.top, p.y);
    c.bottom = Math.max(c.bottom, p.y + NODE_H);
    c.count++;
    c.kinds.add(p.node.kind);
    cols.set(p.x, c);
  }
  return (
    <g className="column-bands" data-testid="column-bands">
      {[...cols.entries()].map(([x, c]) => (
        <g key={x}>
          <rect className="band" x={x} y={c.top} width={NODE_W} height={c.bottom - c.top} rx={12} />
          <text className="band-label" x={x + NODE_W / 2} y={c.top - 40} textAnchor="middle" fontSize={Math.max(14, layout.height / 60)}>
            {c.count} {[...c.kinds].join('/')}
          </text>
        </g>
      ))}
    </g>
  );
});
