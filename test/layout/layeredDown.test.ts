import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { smallLayout, TURN_MAX_ASPECT } from '../../src/app/graph/useGraphLayout.ts';
import { AUTO_FIT_MIN_ZOOM } from '../../src/app/graph/useAutoFit.ts';
import { fitTransform } from '../../src/app/graph/useZoom.ts';
import { nextNode } from '../../src/app/graph/nextNode.ts';
import { viewRect, visibleNodes } from '../../src/app/graph/visible.ts';
import { adjacency } from '../../src/app/graph/adjacency.ts';
import { parseScenarioText, runScenario } from '../../src/engine/index.ts';
import { topologyOf, type Topology } from '../../src/engine/inspect/topology.ts';
import { laneX, routeEdge } from '../../src/layout/edgeRoute.ts';
import { LABEL_PX, layoutTopology, NODE_H } from '../../src/layout/layered.ts';
import { layoutTopologyDown, NODE_GAP, RANK_PITCH } from '../../src/layout/layeredDown.ts';
import { withPositions } from '../../src/layout/pinned.ts';

const DIR = new URL('../../src/scenarios/', import.meta.url);

function topoOf(file: string): Topology {
  const parsed = parseScenarioText(readFileSync(new URL(file, DIR), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  return topologyOf(runScenario(parsed.value).state);
}

const SCENARIOS = readdirSync(DIR).filter((f) => f.endsWith('.json'));

/** The numbers of a path's first and last points. */
function ends(d: string): { start: [number, number]; end: [number, number] } {
  const nums = d.match(/-?[\d.]+/g)!.map(Number);
  return { start: [nums[0]!, nums[1]!], end: [nums.at(-2)!, nums.at(-1)!] };
}

/** The phone's graph view at 390×844 (measured in test/browser/portrait.test.ts). */
const PHONE = { width: 390, height: 379 };

describe('layered layout, top to bottom', () => {
  for (const file of SCENARIOS)
    it(`${file}: every node placed once, ranks in order top to bottom, no overlaps`, () => {
      const topo = topoOf(file);
      const layout = layoutTopologyDown(topo);
      const across = layoutTopology(topo);
      expect(layout.flow).toBe('down');
      expect(new Set(layout.nodes.map((p) => p.node.id))).toEqual(new Set(topo.nodes.map((n) => n.id)));
      expect(layout.nodes.length).toBe(topo.nodes.length);
      for (const p of layout.nodes) {
        // The same ranks as the columns of the left-to-right layout, each a row RANK_PITCH below the one before.
        expect(p.col).toBe(across.byId.get(p.node.id)!.col);
        expect(p.y).toBe(p.col * RANK_PITCH);
        expect(p.x).toBeGreaterThanOrEqual(0);
        expect(p.x + p.w).toBeLessThanOrEqual(layout.width + 1e-9);
        expect(p.y + NODE_H).toBeLessThanOrEqual(layout.height);
      }
      layout.columns.forEach((row, r) => {
        expect(row.nodes.every((p) => p.col === r)).toBe(true);
        row.nodes.forEach((p, i) => {
          const next = row.nodes[i + 1];
          if (next) expect(next.x).toBeGreaterThanOrEqual(p.x + p.w + NODE_GAP - 1e-9);
        });
      });
    });

  it('edges leave a node at its bottom and enter the next rank at its top; long ones pass between nodes', () => {
    for (const file of SCENARIOS) {
      const topo = topoOf(file);
      const layout = layoutTopologyDown(topo);
      for (const e of topo.edges) {
        const a = layout.byId.get(e.source)!;
        const b = layout.byId.get(e.target)!;
        if (a.col === b.col) continue;
        const [u, d] = a.col < b.col ? [a, b] : [b, a];
        const { start, end } = ends(routeEdge(layout, a, b));
        const [top, bottom] = a === u ? [start, end] : [end, start];
        expect(top).toEqual([Math.round((u.x + u.w / 2) * 10) / 10, u.y + NODE_H]);
        expect(bottom).toEqual([Math.round((d.x + d.w / 2) * 10) / 10, d.y]);
      }
      for (const row of layout.columns)
        for (let want = -50; want < layout.width + 50; want += 3) {
          const x = laneX(row, want);
          for (const p of row.nodes) expect(x <= p.x || x >= p.x + p.w).toBe(true);
        }
    }
  });

  it('the seed fits a phone whole with names of at least 9 px; left to right it does not', () => {
    const topo = topoOf('three-wqs.json');
    const down = layoutTopologyDown(topo);
    const t = fitTransform(down.width, down.height, PHONE.width, PHONE.height, AUTO_FIT_MIN_ZOOM);
    expect(down.width * t.k).toBeLessThanOrEqual(PHONE.width);
    expect(down.height * t.k).toBeLessThanOrEqual(PHONE.height);
    expect(LABEL_PX * t.k).toBeGreaterThanOrEqual(9);
    const across = layoutTopology(topo);
    expect(across.width * AUTO_FIT_MIN_ZOOM).toBeGreaterThan(PHONE.width);
  });

  it('only a view that is not landscape and too narrow for the columns turns the layout', () => {
    const topo = topoOf('three-wqs.json');
    const shape = (width: number, height: number) => ({ aspect: width / height, width, height });
    expect(smallLayout(topo, shape(390, 379), AUTO_FIT_MIN_ZOOM).flow).toBe('down');
    // A laptop, a desktop, a portrait tablet (768×457 graph), a landscape phone: as before.
    for (const s of [shape(790, 420), shape(1024, 356), shape(1600, 700), shape(768, 457), shape(844, 200)])
      expect(smallLayout(topo, s, AUTO_FIT_MIN_ZOOM)).toEqual(layoutTopology(topo));
    // Not measured yet (jsdom): as before.
    expect(smallLayout(topo, null, AUTO_FIT_MIN_ZOOM).flow).toBeUndefined();
    // A square view wide enough for the columns, or a landscape one however narrow: as before.
    expect(smallLayout(topo, shape(900, 900), AUTO_FIT_MIN_ZOOM).flow).toBeUndefined();
    expect(smallLayout(topo, { aspect: TURN_MAX_ASPECT * 1.01, width: 390, height: 300 }, 0.75).flow).toBeUndefined();
    // A tiny graph whose columns already fit the phone stays as it is.
    expect(smallLayout(topoOf('iommufd-basics.json'), shape(390, 379), AUTO_FIT_MIN_ZOOM).flow).toBeUndefined();
  });

  it('arrow keys follow the edges down the ranks and back; culling and dragged positions work', () => {
    const topo = topoOf('three-wqs.json');
    const layout = layoutTopologyDown(topo);
    const edgesOf = adjacency(topo.edges, (e) => [e.source, e.target]);
    const linked = (id: string) => edgesOf(id).map((e) => (e.source === id ? e.target : e.source));
    // ↓ walks the edges as → does left to right (device → WQ → mdev → the VM it is assigned to).
    const walk = (l: typeof layout, dir: 'down' | 'right') => {
      const ids = ['device:dsa0'];
      for (let next = nextNode(l, linked(ids.at(-1)!), ids.at(-1)!, dir); next !== null;) {
        expect(linked(ids.at(-1)!)).toContain(next);
        expect(l.byId.get(next)![dir === 'down' ? 'y' : 'x']).toBeGreaterThan(
          l.byId.get(ids.at(-1)!)![dir === 'down' ? 'y' : 'x'],
        );
        ids.push(next);
        next = nextNode(l, linked(next), next, dir);
      }
      return ids;
    };
    const down = walk(layout, 'down');
    expect(down).toEqual(walk(layoutTopology(topo), 'right'));
    expect(down.map((id) => layout.byId.get(id)!.node.kind)).toEqual(['device', 'wq', 'mdev', 'vm']);
    const at = down.at(-1)!;
    const up = nextNode(layout, linked(at), at, 'up')!;
    expect(linked(at)).toContain(up);

    const all = visibleNodes(layout, { x0: -1e6, y0: -1e6, x1: 1e6, y1: 1e6 });
    expect(all.length).toBe(layout.nodes.length);
    const few = visibleNodes(layout, viewRect({ x: 0, y: 0, k: 1 }, 150, 40));
    expect(few.map((p) => p.node.id).sort()).toEqual(
      layout.nodes
        .filter((p) => p.x < 150 && p.y < 40)
        .map((p) => p.node.id)
        .sort(),
    );
    // A position dragged here is this layout's; one dragged left to right is not (a phone turned).
    const moved = withPositions(layout, { 'vm:vm1': { x: 5, y: 900, flow: 'down' }, 'vm:vm2': { x: 5, y: 5 } });
    expect(moved.flow).toBe('down');
    expect(moved.byId.get('vm:vm1')).toMatchObject({ x: 5, y: 900 });
    expect(moved.byId.get('vm:vm2')).toBe(layout.byId.get('vm:vm2'));
    const across = layoutTopology(topo);
    expect(withPositions(across, { 'vm:vm1': { x: 5, y: 900, flow: 'down' } })).toBe(across);
  });
});
