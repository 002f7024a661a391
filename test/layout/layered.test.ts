import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitTransform } from '../../src/app/graph/useZoom.ts';
import { viewRect, visibleNodes } from '../../src/app/graph/visible.ts';
import { parseScenarioText, runScenario } from '../../src/engine/index.ts';
import { topologyOf, type Topology } from '../../src/engine/inspect/topology.ts';
import { laneY, routeEdge } from '../../src/layout/edgeRoute.ts';
import { LABEL_PX, layoutTopology, NODE_H, type Layout } from '../../src/layout/layered.ts';
import { withPositions } from '../../src/layout/pinned.ts';

function topoOf(file: string): Topology {
  const parsed = parseScenarioText(readFileSync(new URL(`../../src/scenarios/${file}`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  return topologyOf(runScenario(parsed.value).state);
}

/** Crossings between edges of adjacent columns (a standard layered-layout quality measure). */
function crossings(layout: Layout, topo: Topology): number {
  const segs = topo.edges
    .map((e) => [layout.byId.get(e.source)!, layout.byId.get(e.target)!] as const)
    .filter(([a, b]) => Math.abs(a.col - b.col) === 1)
    .map(([a, b]) => (a.col < b.col ? ([a, b] as const) : ([b, a] as const)));
  let n = 0;
  for (let i = 0; i < segs.length; i++)
    for (let j = i + 1; j < segs.length; j++) {
      const [a1, b1] = segs[i]!;
      const [a2, b2] = segs[j]!;
      if (a1.col === a2.col && (a1.y - a2.y) * (b1.y - b2.y) < 0) n++;
    }
  return n;
}

describe('layered layout', () => {
  for (const file of [
    'three-wqs.json',
    'shared-gpa.json',
    'fault-gallery.json',
    'five-level.json',
    'large-pages.json',
  ]) {
    it(`${file}: fits the 790×420 graph view at 1280×720 with labels of at least 12 px and no overlaps`, () => {
      const topo = topoOf(file);
      const layout = layoutTopology(topo);
      const t = fitTransform(layout.width, layout.height, 790, 420);
      if (topo.nodes.length <= 40) expect(LABEL_PX * t.k).toBeGreaterThanOrEqual(12);
      for (const col of layout.columns)
        col.nodes.forEach((p, i) => {
          const next = col.nodes[i + 1];
          if (next) expect(next.y).toBeGreaterThanOrEqual(p.y + NODE_H);
        });
      expect(crossings(layout, topo)).toBeLessThanOrEqual(1);
    });
  }

  it('small graphs are fitted larger than 1:1, up to 2×', () => {
    expect(fitTransform(200, 100, 800, 600).k).toBe(2);
    expect(fitTransform(1000, 100, 516, 600).k).toBeCloseTo(0.492);
  });

  it('long edges pass intermediate columns through row gaps, never through a node', () => {
    const topo = topoOf('three-wqs.json');
    const layout = layoutTopology(topo);
    for (const col of layout.columns)
      for (let want = -50; want < layout.height + 50; want += 3) {
        const y = laneY(col, want);
        for (const p of col.nodes) expect(y <= p.y || y >= p.y + NODE_H).toBe(true);
      }
    const long = topo.edges.find((e) => Math.abs(layout.byId.get(e.source)!.col - layout.byId.get(e.target)!.col) > 1);
    expect(long).toBeDefined();
    expect(routeEdge(layout, layout.byId.get(long!.source)!, layout.byId.get(long!.target)!)).toMatch(
      /^M[\d.]+,[\d.]+C/,
    );
  });

  it('culls by viewport and keeps dragged positions', () => {
    const layout = layoutTopology(topoOf('three-wqs.json'));
    const all = visibleNodes(layout, { x0: -1e6, y0: -1e6, x1: 1e6, y1: 1e6 });
    expect(all.length).toBe(layout.nodes.length);
    const few = visibleNodes(layout, viewRect({ x: 0, y: 0, k: 1 }, 100, 40));
    expect(few.map((p) => p.node.id)).toEqual(layout.nodes.filter((p) => p.x < 100 && p.y < 40).map((p) => p.node.id));
    const moved = withPositions(layout, { 'vm:vm1': { x: 5, y: 500 } });
    expect(moved.byId.get('vm:vm1')).toMatchObject({ x: 5, y: 500 });
    expect(moved.byId.get('vm:vm2')).toBe(layout.byId.get('vm:vm2'));
    expect(visibleNodes(moved, { x0: 0, y0: 490, x1: 50, y1: 520 }).map((p) => p.node.id)).toEqual(['vm:vm1']);
  });
});
