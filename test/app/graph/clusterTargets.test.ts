/** Arrow keys over a clustered graph: closed clusters are one target, open ones give their nodes. */
import { describe, expect, it } from 'vitest';
import { nextTarget, targetOfCluster, targetOfNode } from '../../../src/app/graph/clusterTargets.ts';
import { createGraphViewStore } from '../../../src/app/graph/graphView.ts';
import { parseScenarioText, runScenario } from '../../../src/engine/index.ts';
import { topologyOf } from '../../../src/engine/inspect/topology.ts';
import { layoutClusters } from '../../../src/layout/clusterLayout.ts';
import { clustersOf } from '../../../src/layout/clusters.ts';
import { fleetScenario } from '../../helpers/fleet.ts';

const parsed = parseScenarioText(fleetScenario(8, 4, 4));
if (!parsed.ok) throw new Error(parsed.message);
const topo = topologyOf(runScenario(parsed.value).state);
const layout = layoutClusters(topo, clustersOf(topo), 16 / 9);
const centre = (t: { x: number; y: number; w: number; h: number }) => [t.x + t.w / 2, t.y + t.h / 2] as const;

describe('clusterTargets', () => {
  it('moves between closed clusters in the arrow’s direction', () => {
    const none = () => false;
    for (const c of layout.clusters) {
      const from = targetOfCluster(layout, c.cluster.id)!;
      for (const dir of ['left', 'right', 'up', 'down'] as const) {
        const to = nextTarget(layout, none, from, [], dir);
        if (to === null) continue;
        expect(to.cluster).toBe(true);
        const [fx, fy] = centre(from);
        const [tx, ty] = centre(to);
        const ahead = { left: fx - tx, right: tx - fx, up: fy - ty, down: ty - fy }[dir];
        expect(ahead).toBeGreaterThan(0);
      }
    }
  });

  it('a node in a closed cluster stands for its cluster; an open cluster gives its nodes, links first', () => {
    const vm = layout.clusterById.get('vm:vm3')!;
    expect(targetOfNode(layout, () => false, 'vm:vm3')).toMatchObject({ id: 'vm:vm3', cluster: true });
    const open = (id: string) => id === vm.cluster.id;
    expect(targetOfNode(layout, open, 'vm:vm3')).toMatchObject({ id: 'vm:vm3', cluster: false });
    // From the VM node, up goes to a linked target: its mdevs' parent clusters (closed) lie above it.
    const up = nextTarget(layout, open, targetOfNode(layout, open, 'vm:vm3')!, ['mdev:mdev12'], 'up');
    expect(up).toMatchObject({ id: layout.byId.get('mdev:mdev12')!.cluster, cluster: true });
  });
});

describe('graphView open/closed', () => {
  it('closing keeps a cluster closed until it is opened again or Fit resets', () => {
    const store = createGraphViewStore();
    store.getState().openCluster('vm:vm1');
    expect(store.getState().opened.has('vm:vm1')).toBe(true);
    store.getState().closeCluster('vm:vm1');
    expect(store.getState().opened.has('vm:vm1')).toBe(false);
    expect(store.getState().closed.has('vm:vm1')).toBe(true);
    store.getState().openCluster('vm:vm1');
    expect(store.getState().closed.has('vm:vm1')).toBe(false);
    store.getState().closeCluster('vm:vm2');
    store.getState().reset();
    expect(store.getState().closed.size).toBe(0);
  });
});
