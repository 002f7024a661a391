/**
 * Grouped-bar layout for the workload comparison: page size groups × IOTLB size bars, as plain
 * numbers from d3-scale (React draws the SVG). Pure, so it is tested without a DOM.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import type { DesignRow } from '../../engine/index.ts';

export interface Bar {
  readonly key: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly series: number; // index of the IOTLB size (colour)
  readonly value: number;
  readonly label: string;
}

export interface ChartLayout {
  readonly width: number;
  readonly height: number;
  readonly margin: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number };
  readonly bars: readonly Bar[];
  readonly groups: readonly { readonly label: string; readonly x: number }[]; // x = group centre
  readonly ticks: readonly { readonly y: number; readonly label: string }[];
}

export const CHART_MARGIN = { top: 10, right: 10, bottom: 28, left: 44 } as const;

/** Lay out one metric of `rows` in a `width` × `height` box. `max` fixes the y domain (hit rate: 1). */
export function layoutBars(
  rows: readonly DesignRow[],
  metric: (r: DesignRow) => number,
  format: (v: number) => string,
  width: number,
  height: number,
  max?: number,
): ChartLayout {
  const m = CHART_MARGIN;
  const pageSizes = [...new Set(rows.map((r) => r.pageSize))];
  const sizes = [...new Set(rows.map((r) => r.iotlbEntries))];
  const x0 = scaleBand()
    .domain(pageSizes)
    .range([m.left, width - m.right])
    .paddingInner(0.2)
    .paddingOuter(0.1);
  const x1 = scaleBand<number>().domain(sizes).range([0, x0.bandwidth()]).padding(0.08);
  const top = max ?? Math.max(0, ...rows.map(metric));
  const y = scaleLinear()
    .domain([0, top === 0 ? 1 : top])
    .nice()
    .range([height - m.bottom, m.top]);
  const bars = rows.map((r) => {
    const v = metric(r);
    const yv = y(v);
    return {
      key: `${r.pageSize}-${r.iotlbEntries}`,
      x: (x0(r.pageSize) ?? 0) + (x1(r.iotlbEntries) ?? 0),
      y: yv,
      width: x1.bandwidth(),
      height: height - m.bottom - yv,
      series: sizes.indexOf(r.iotlbEntries),
      value: v,
      label: `${r.pageSize} pages, ${r.iotlbEntries}-entry IOTLB: ${format(v)}`,
    };
  });
  return {
    width,
    height,
    margin: m,
    bars,
    groups: pageSizes.map((p) => ({ label: p, x: (x0(p) ?? 0) + x0.bandwidth() / 2 })),
    ticks: y.ticks(4).map((t) => ({ y: y(t), label: format(t) })),
  };
}
