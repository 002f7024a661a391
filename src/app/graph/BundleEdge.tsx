/**
 * Edges between two clusters while either is closed, drawn as one line from frame to frame with
 * the number of links it stands for (issue 11). Stroke and count keep their size on screen.
 */
import { memo } from 'react';
import type { PlacedCluster } from '../../layout/clusterLayout.ts';

type Pt = readonly [number, number];

/** Where the segment from the frame's centre towards `to` leaves the frame. Pure. */
export function exitPoint(c: PlacedCluster, to: Pt): Pt {
  const cx = c.x + c.w / 2;
  const cy = c.y + c.h / 2;
  const dx = to[0] - cx;
  const dy = to[1] - cy;
  const t = Math.min(dx === 0 ? Infinity : c.w / 2 / Math.abs(dx), dy === 0 ? Infinity : c.h / 2 / Math.abs(dy), 1);
  return [cx + dx * t, cy + dy * t];
}

interface Props {
  readonly id: string;
  readonly a: PlacedCluster;
  readonly b: PlacedCluster;
  readonly count: number;
  readonly k: number;
  /** Focus mode: none of the links it stands for lies on the focused object's paths. */
  readonly dimmed?: boolean;
}

export const BundleEdge = memo(function BundleEdge({ id, a, b, count, k, dimmed = false }: Props) {
  const p = exitPoint(a, [b.x + b.w / 2, b.y + b.h / 2]);
  const q = exitPoint(b, [a.x + a.w / 2, a.y + a.h / 2]);
  const mx = (p[0] + q[0]) / 2;
  const my = (p[1] + q[1]) / 2;
  // The count only where the line is long enough on screen to carry it (the title always says it).
  const long = Math.hypot(q[0] - p[0], q[1] - p[1]) * k >= 28;
  return (
    <g className={dimmed ? 'bundle dimmed' : 'bundle'} data-testid={`bundle-${id}`} data-count={count}>
      <title>{`${count} link${count === 1 ? '' : 's'} between ${a.cluster.name} and ${b.cluster.name}`}</title>
      <line
        x1={p[0]}
        y1={p[1]}
        x2={q[0]}
        y2={q[1]}
        style={{ strokeWidth: `calc(${1 + Math.log2(count)} * var(--px, 1px))` }}
      />
      {long && (
        <text className="bundle-count" x={mx} y={my} fontSize={10 / k} dominantBaseline="central">
          {count}
        </text>
      )}
    </g>
  );
});
