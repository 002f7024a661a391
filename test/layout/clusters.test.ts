/**
 * The fleet overview's clusters (issue 11): every node lies in exactly one cluster; opening every
 * cluster gives back the full graph with the same edges; with clusters closed, the bundles' counts
 * sum to the edges between those clusters. On random topologies, on the fleet scenario and on the
 * built-in scenarios; and the cluster layout places every node inside its cluster's frame.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenarioText, runScenario } from '../../src/engine/index.ts';
import {
  topologyOf,
  type TopoEdge,
  type TopoEdgeKind,
  type TopoNode,
  type TopoNodeKind,
  type Topology,
} from '../../src/engine/inspect/topology.ts';
import { CLUSTER_GAP, GROUP_GAP, layoutClusters, MAX_READABLE_SCREENS } from '../../src/layout/clusterLayout.ts';
import { namePxPerZoom, READABLE_PX } from '../../src/layout/clusterLabel.ts';
import { clustersOf } from '../../src/layout/clusters.ts';
import { collapse } from '../../src/layout/collapse.ts';
import { NODE_H } from '../../src/layout/layered.ts';
import { fleetScenario } from '../helpers/fleet.ts';

const SEED = Number(process.env['FC_SEED'] ?? 20261202);
const RUNS = Number(process.env['FC_RUNS'] ?? 100);

const NODE_KINDS: TopoNodeKind[] = [
  'iommu',
  'device',
  'wq',
  'mdev',
  'pasid',
  'nested',
  'domain',
  'ioasid',
  'ioas',
  'process',
  'guest-table',
  'vm',
];
const EDGE_KINDS: TopoEdgeKind[] = ['owns', 'assigned', 'primary', 'aux', 'backs', 'pasid', 'parent', 'stage1'];

/** Any graph the topology type can describe (not only what the engine makes). */
const randomTopology: fc.Arbitrary<Topology> = fc
  .array(fc.constantFrom(...NODE_KINDS), { minLength: 1, maxLength: 40 })
  .chain((kinds) => {
    const nodes: TopoNode[] = kinds.map((kind, i) => ({
      id: `${kind}:n${i}`,
      kind,
      ref: `n${i}`,
      label: `n${i}`,
      detail: '',
      colorKey: null,
    }));
    const edge = fc.record({
      kind: fc.constantFrom(...EDGE_KINDS),
      s: fc.nat(nodes.length - 1),
      t: fc.nat(nodes.length - 1),
    });
    return fc.array(edge, { maxLength: 80 }).map((raw) => {
      const edges = new Map<string, TopoEdge>();
      for (const { kind, s, t } of raw) {
        if (s === t) continue;
        const source = nodes[s]!.id;
        const target = nodes[t]!.id;
        const id = `${kind}:${source}->${target}`;
        edges.set(id, { id, kind, source, target, label: null });
      }
      return { nodes, edges: [...edges.values()] };
    });
  });

function stateOf(text: string) {
  const parsed = parseScenarioText(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return runScenario(parsed.value).state;
}

const ids = (xs: readonly { id: string }[]) => xs.map((x) => x.id).sort();

function checkClusters(topo: Topology, openMask: (i: number) => boolean) {
  const model = clustersOf(topo);
  // Every node in exactly one cluster.
  const listed = model.clusters.flatMap((c) => c.nodeIds);
  expect(listed.sort()).toEqual(ids(topo.nodes));
  expect(new Set(listed).size).toBe(listed.length);
  for (const c of model.clusters) for (const id of c.nodeIds) expect(model.clusterOf.get(id)).toBe(c.id);
  // Opening every cluster gives back the whole graph.
  const all = collapse(topo, model, () => true);
  expect(ids(all.nodes)).toEqual(ids(topo.nodes));
  expect(ids(all.edges)).toEqual(ids(topo.edges));
  expect(all.closed).toEqual([]);
  expect(all.bundles).toEqual([]);
  // Any mix: drawn edges + bundled edges + edges hidden inside closed clusters = every edge, once.
  const open = new Set(model.clusters.filter((_, i) => openMask(i)).map((c) => c.id));
  const some = collapse(topo, model, (id) => open.has(id));
  const hidden = model.clusters.filter((c) => !open.has(c.id)).flatMap((c) => model.internal.get(c.id) ?? []);
  const bundled = some.bundles.reduce((a, b) => a + b.count, 0);
  expect(some.edges.length + bundled + hidden.length).toBe(topo.edges.length);
  // With every cluster closed, the bundles count exactly the edges between clusters.
  const none = collapse(topo, model, () => false);
  const between = topo.edges.filter((e) => model.clusterOf.get(e.source) !== model.clusterOf.get(e.target));
  expect(none.bundles.reduce((a, b) => a + b.count, 0)).toBe(between.length);
  expect(none.nodes).toEqual([]);
  for (const b of none.bundles) expect(b.a).not.toBe(b.b);
  return model;
}

describe('clusters', () => {
  it('every node in exactly one cluster; opening them all gives the graph back (random topologies)', () => {
    fc.assert(
      fc.property(randomTopology, fc.func(fc.boolean()), (topo, open) => {
        checkClusters(topo, (i) => open(i));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('holds on fleet scenarios of any size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 8 }),
        fc.func(fc.boolean()),
        (vms, perVm, wqs, open) => {
          const topo = topologyOf(stateOf(fleetScenario(vms, perVm, wqs)));
          const model = checkClusters(topo, (i) => open(i));
          expect(model.clusters.filter((c) => c.kind === 'vm')).toHaveLength(vms);
          expect(model.clusters.filter((c) => c.kind === 'device')).toHaveLength(Math.ceil((vms * perVm) / wqs));
        },
      ),
      { seed: SEED, numRuns: 25 },
    );
  });

  const dir = new URL('../../src/scenarios/', import.meta.url);
  it.each(readdirSync(dir).filter((f) => f.endsWith('.json')))('holds on %s', (file) => {
    checkClusters(topologyOf(stateOf(readFileSync(new URL(file, dir), 'utf8'))), (i) => i % 2 === 0);
  });

  it('puts a VM with its domain, IOASID and PASIDs; a parent device with its WQs and mdevs', () => {
    const topo = topologyOf(stateOf(fleetScenario(2, 4, 4)));
    const model = clustersOf(topo);
    expect(model.byId.get('vm:vm1')?.nodeIds).toEqual([
      'pasid:dsa1/2',
      'domain:vm1.gpa.domain',
      'ioasid:vm1.gpa',
      'vm:vm1',
    ]);
    expect(model.byId.get('vm:vm1')?.summary).toBe('1 PASID · 1 domain · 1 IOASID');
    expect(model.byId.get('device:dsa0')?.summary).toBe('4 WQs · 4 mdevs');
    expect(model.clusters.map((c) => c.id)).toEqual(['host', 'device:dsa0', 'vm:vm0', 'device:dsa1', 'vm:vm1']);
    // dsa0's four mdevs are assigned to vm0 and its aux PASID points at vm0's domain: one bundle of 5.
    expect(model.links.map((l) => [l.id, l.edges.length])).toEqual([
      ['device:dsa0|vm:vm0', 5],
      ['device:dsa1|vm:vm1', 5],
    ]);
  });
});

/** Every node inside its cluster's frame, no two nodes of a column overlapping, columns and byId agreeing. */
function checkPlaced(topo: Topology, l: ReturnType<typeof layoutClusters>) {
  expect(l.nodeCount).toBe(topo.nodes.length);
  expect(ids(l.nodes.map((p) => p.node))).toEqual(ids(topo.nodes));
  for (const p of l.nodes) {
    const c = l.clusterById.get(p.cluster!)!;
    expect(p.x).toBeGreaterThanOrEqual(c.x);
    expect(p.y).toBeGreaterThanOrEqual(c.y);
    expect(p.x + p.w).toBeLessThanOrEqual(c.x + c.w);
    expect(p.y + NODE_H).toBeLessThanOrEqual(c.y + c.h);
    expect(l.byId.get(p.node.id)).toBe(p);
  }
  for (const c of l.clusters)
    for (const col of l.columns.slice(c.col0, c.col1))
      col.nodes.forEach((p, i) => {
        expect(p.cluster).toBe(c.cluster.id);
        if (i > 0) expect(p.y).toBeGreaterThanOrEqual(col.nodes[i - 1]!.y + NODE_H);
      });
  expect(l.clusters.at(-1)?.col1 ?? 0).toBe(l.columns.length);
}

describe('layoutClusters', () => {
  const topo = topologyOf(stateOf(fleetScenario(64, 16)));
  const model = clustersOf(topo);

  // The frames are sized before any node is placed (the overview needs only them); the nodes, placed
  // on first use, must fit them whatever the graph.
  it('places every node of any topology in its frame, at the frame sizes given before placing', () => {
    fc.assert(
      fc.property(randomTopology, fc.double({ min: 0.3, max: 4, noNaN: true }), (t, aspect) => {
        const l = layoutClusters(t, clustersOf(t), aspect);
        const frames = l.clusters.map((c) => ({ ...c }));
        checkPlaced(t, l);
        expect(l.clusters.map((c) => ({ ...c }))).toEqual(frames);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('places every node inside its own cluster frame, frames never overlapping', () => {
    const l = layoutClusters(topo, model, 16 / 9);
    checkPlaced(topo, l);
    const frames = [...l.clusters].sort((a, b) => a.y - b.y || a.x - b.x);
    for (let i = 0; i < frames.length; i++)
      for (let j = i + 1; j < frames.length; j++) {
        const a = frames[i]!;
        const b = frames[j]!;
        const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
        expect(apart).toBe(true);
      }
  });

  it.each([16 / 9, 3, 0.6])('wraps to the view shape (aspect %d), not one tall column', (aspect) => {
    const l = layoutClusters(topo, model, aspect);
    const ratio = l.width / l.height;
    expect(ratio).toBeGreaterThan(aspect / 2);
    expect(ratio).toBeLessThan(aspect * 2);
  });

  // Issue 11: a phone's whole overview would name its clusters at ~6 px; it is wrapped to the
  // phone's width at the zoom where every VM and parent device is named at >= 9 px instead.
  const names = (l: ReturnType<typeof layoutClusters>, k: number) =>
    l.clusters.filter((c) => c.cluster.kind !== 'host').map((c) => namePxPerZoom(c, CLUSTER_GAP) * k);
  it('wraps a phone-sized view to its width at a readable zoom; a laptop sees it whole', () => {
    const phone = layoutClusters(topo, model, 366 / 376, {}, { width: 390, height: 400 });
    expect(phone.fitZoom).toBeGreaterThan(0);
    expect(phone.width * phone.fitZoom).toBeLessThanOrEqual(390 - 24);
    expect(Math.min(...names(phone, phone.fitZoom))).toBeGreaterThanOrEqual(READABLE_PX);
    expect(phone.height * phone.fitZoom).toBeLessThanOrEqual(MAX_READABLE_SCREENS * (400 - 24));
    const laptop = layoutClusters(topo, model, 1024 / 337, {}, { width: 1024, height: 337 });
    expect(laptop.fitZoom).toBe(0);
    const k = Math.min((1024 - 24) / laptop.width, (337 - 24) / laptop.height);
    expect(Math.min(...names(laptop, k))).toBeGreaterThanOrEqual(READABLE_PX);
    // ...so its Fit stays at the level that names each cluster, above the grouped level.
    expect(k).toBeGreaterThanOrEqual(laptop.groupZoom);
  });

  // The grouped overview (GroupNames): below groupZoom some cluster would be named under 9 px.
  it('groups each VM with the devices serving it, in one frame; groupZoom is where names reach 9 px', () => {
    const l = layoutClusters(topo, model, 16 / 9);
    expect(l.groups.map((g) => g.name)).toEqual(Array.from({ length: 64 }, (_, i) => `vm${i}`));
    for (const [gi, g] of l.groups.entries()) {
      expect(g.clusterIds.at(-1)).toBe(`vm:${g.name}`);
      // vm37's mdevs come from dsa74 and dsa75.
      expect(g.clusterIds.slice(0, -1)).toEqual([`device:dsa${2 * gi}`, `device:dsa${2 * gi + 1}`]);
      for (const id of g.clusterIds) {
        const c = l.clusterById.get(id)!;
        expect(c.group).toBe(gi);
        expect(c.x >= g.x && c.y >= g.y && c.x + c.w <= g.x + g.w && c.y + c.h <= g.y + g.h).toBe(true);
      }
    }
    expect(l.clusterById.get('host')!.group).toBeUndefined();
    expect(Math.min(...names(l, l.groupZoom))).toBeCloseTo(READABLE_PX, 6);
  });

  // 128 × 16 on a small phone: naming each cluster at 9 px would take 4 screens; the VM groups take 1.3.
  it('too many clusters to name on a few screens: wrapped where the VM groups are named at >= 9 px', () => {
    const big = topologyOf(stateOf(fleetScenario(128, 16)));
    const phone = layoutClusters(big, clustersOf(big), 320 / 300, {}, { width: 320, height: 300 });
    expect(phone.groups).toHaveLength(128);
    expect(phone.fitZoom).toBeGreaterThan(0);
    expect(phone.fitZoom).toBeLessThan(phone.groupZoom);
    expect(phone.width * phone.fitZoom).toBeLessThanOrEqual(320 - 24);
    expect(phone.height * phone.fitZoom).toBeLessThanOrEqual(MAX_READABLE_SCREENS * (300 - 24));
    const px = phone.groups.map((g) => namePxPerZoom({ cluster: g, w: g.w, h: g.h }, GROUP_GAP) * phone.fitZoom);
    expect(Math.min(...px)).toBeGreaterThanOrEqual(READABLE_PX);
  }, 30_000);
});
