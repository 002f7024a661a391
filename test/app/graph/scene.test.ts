/**
 * What the graph draws (scene.ts) for a fleet with every cluster open below LINK_ZOOM: links between
 * clusters stay bundles, except, in focus mode, those between two lit clusters (vm1's mdevs → vm1).
 */
import { describe, expect, it } from 'vitest';
import { adjacency } from '../../../src/app/graph/adjacency.ts';
import { sceneOf } from '../../../src/app/graph/scene.ts';
import { litClustersOf } from '../../../src/app/graph/useFocusMode.ts';
import { focusSetOfRef } from '../../../src/engine/inspect/paths.ts';
import { topologyOf, type TopoEdge } from '../../../src/engine/inspect/topology.ts';
import { parseScenarioText, runScenario } from '../../../src/engine/index.ts';
import { layoutClusters } from '../../../src/layout/clusterLayout.ts';
import { clustersOf } from '../../../src/layout/clusters.ts';
import { fleetScenario } from '../../helpers/fleet.ts';

const parsed = parseScenarioText(fleetScenario(4, 16));
if (!parsed.ok) throw new Error(parsed.message);
const state = runScenario(parsed.value).state;
const topo = topologyOf(state);
const model = clustersOf(topo);
const layout = layoutClusters(topo, model, 16 / 9);
const edgesOf = adjacency(topo.edges, (e) => [e.source, e.target]);
const linksOf = adjacency(model.links, (l) => [l.a, l.b]);
const scene = (lit: ReadonlySet<string> | null) =>
  sceneOf({
    layout,
    rect: null,
    isOpen: () => true,
    linksOpen: false,
    edgesOf,
    linksOf,
    clusterOf: model.clusterOf,
    lit,
  });
const crossing = (edges: readonly TopoEdge[]) =>
  edges.filter((e) => model.clusterOf.get(e.source) !== model.clusterOf.get(e.target));

describe('sceneOf, every cluster open below LINK_ZOOM', () => {
  it('draws the links between clusters as bundles', () => {
    const s = scene(null);
    expect(crossing(s.edges)).toEqual([]);
    expect(s.bundles).toHaveLength(model.links.length);
  });

  it('in focus mode, draws the links between two lit clusters edge by edge, the rest as bundles', () => {
    const lit = litClustersOf(focusSetOfRef(state, 'vm1'), model.clusterOf)!;
    expect([...lit].sort()).toEqual(['device:dsa2', 'device:dsa3', 'vm:vm1']);
    const s = scene(lit);
    const drawn = crossing(s.edges);
    // vm1's 16 mdevs → vm1 (from dsa2 and dsa3), one by one.
    expect(drawn.length).toBeGreaterThanOrEqual(16);
    for (const e of drawn) {
      expect(lit.has(model.clusterOf.get(e.source)!)).toBe(true);
      expect(lit.has(model.clusterOf.get(e.target)!)).toBe(true);
    }
    for (const b of s.bundles) expect(lit.has(b.link.a) && lit.has(b.link.b)).toBe(false);
    expect(s.bundles.length + model.links.filter((l) => lit.has(l.a) && lit.has(l.b)).length).toBe(model.links.length);
  });
});
