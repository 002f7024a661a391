/**
 * The graph's CPU pieces after the document is installed (issue 11: first graph ≤ 400 ms), in Node
 * on the 64×16 fleet of bench/ui.bench.ts: topology (engine/inspect), clusters and the cluster
 * layout at 1280×720 (its frames, then its nodes, which the overview places only on first use). The first run is cold (fresh process, as in a page, where it runs once, mostly
 * interpreted); then the medians of 15 warm runs.
 * Run: npx tsx bench/graphLayout.bench.ts [vms=64]
 */
import { performance } from 'node:perf_hooks';
import { resolvePlatform, type Scenario } from '../src/engine/index.ts';
import { topologyOf } from '../src/engine/inspect/topology.ts';
import { layoutClusters } from '../src/layout/clusterLayout.ts';
import { clustersOf } from '../src/layout/clusters.ts';
import { replayScenario } from '../src/store/load/replayScenario.ts';
import { fleetScenario } from './fleetScenario.ts';

const vms = Number(process.argv[2] ?? 64);
const scenario = JSON.parse(fleetScenario(vms)) as Scenario;
const replayed = replayScenario(scenario, resolvePlatform(scenario.platform), Infinity);
if (!replayed.ok) throw new Error('the fleet does not replay');
const state = replayed.doc.history.cursorState;
const view = { width: 1280 - 300, height: 720 - 120 };

const ms = (a: number, b: number) => `${(b - a).toFixed(1)} ms`;
const t0 = performance.now();
const topo = topologyOf(state);
const t1 = performance.now();
const model = clustersOf(topo);
const t2 = performance.now();
const layout = layoutClusters(topo, model, view.width / view.height, {}, view);
const t3 = performance.now();
const placed = layout.nodes.length;
const t4 = performance.now();
console.log(
  `${vms} VMs × 16 mdevs (${topo.nodes.length} nodes, ${model.clusters.length} clusters), first run (cold): topology ${ms(t0, t1)} · clusters ${ms(t1, t2)} · cluster frames ${ms(t2, t3)} · placing the ${placed} nodes (on first use) ${ms(t3, t4)}`,
);

function median(run: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[7] ?? NaN;
}
const warm = {
  topology: median(() => topologyOf({ ...state })),
  clusters: median(() => clustersOf(topo)),
  frames: median(() => layoutClusters(topo, model, view.width / view.height, {}, view)),
  placing: median(() => layoutClusters(topo, model, view.width / view.height, {}, view).nodes),
};
console.log(
  `warm (medians of 15): topology ${warm.topology.toFixed(1)} ms · clusters ${warm.clusters.toFixed(1)} ms · cluster frames ${warm.frames.toFixed(1)} ms · frames and nodes ${warm.placing.toFixed(1)} ms`,
);
