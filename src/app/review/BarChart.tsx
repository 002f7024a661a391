/** One grouped-bar chart of a workload metric: layout from d3-scale, every element drawn by React. */
import type { ChartLayout } from './workloadChart.ts';

export function BarChart({ title, layout, testId }: { title: string; layout: ChartLayout; testId: string }) {
  const { width, height, margin: m, bars, groups, ticks } = layout;
  return (
    <figure className="review-chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        <g className="axis">
          {ticks.map((t) => (
            <g key={t.label} transform={`translate(0,${t.y})`}>
              <line x1={m.left} x2={width - m.right} className="grid" />
              <text x={m.left - 4} dy="0.32em" textAnchor="end">
                {t.label}
              </text>
            </g>
          ))}
          <line x1={m.left} x2={width - m.right} y1={height - m.bottom} y2={height - m.bottom} className="baseline" />
          {groups.map((g) => (
            <text key={g.label} x={g.x} y={height - m.bottom + 16} textAnchor="middle">
              {g.label}
            </text>
          ))}
        </g>
        {bars.map((b) => (
          <rect
            key={b.key}
            x={b.x}
            y={b.y}
            width={b.width}
            height={Math.max(0, b.height)}
            className={`bar bar-${b.series % 4}`}
            data-testid="chart-bar"
          >
            <title>{b.label}</title>
          </rect>
        ))}
      </svg>
    </figure>
  );
}
