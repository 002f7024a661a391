/**
 * topologyOf at fleet size (issue 11): WQ names are read with one pass over the parents (not one per
 * WQ), and the topology is memoised per state. The names must equal the per-WQ definition (idxd's
 * `wq<device>.<wq>`: the digits ending the id, else the parent's rank) on random parent ids, and the
 * memo must never serve a stale graph.
 */
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCommand, parseScenarioText, runScenario, type EngineState } from '../../src/engine/index.ts';
import { buildTopology, topologyOf } from '../../src/engine/inspect/topology.ts';
import { wqName } from '../../src/engine/inspect/reach.ts';
import { build, machine } from '../helpers/engine.ts';
import { fleetScenario } from '../helpers/fleet.ts';

const SEED = Number(process.env['FC_SEED'] ?? 20261202);
const RUNS = Number(process.env['FC_RUNS'] ?? 100);

/** The definition as it was written before (rebuilds the parent list for every WQ): the reference. */
function referenceWqName(state: EngineState, device: string, wq: number): string {
  const digits = /(\d+)$/.exec(device)?.[1];
  const parents = [...state.devices.values()].filter((d) => d.kind === 'parent').map((d) => d.id);
  const n = digits !== undefined ? Number(digits) : Math.max(0, parents.indexOf(device));
  return `wq${n}.${wq}`;
}

/** Every WQ label and mdev detail line of the state's topology against the reference names. */
function expectReferenceNames(state: EngineState) {
  const topo = topologyOf(state);
  const byId = new Map(topo.nodes.map((n) => [n.id, n]));
  for (const dev of state.devices.values())
    dev.wqs.forEach((_, i) => {
      expect(byId.get(`wq:${dev.id}/${i}`)?.label).toBe(referenceWqName(state, dev.id, i));
      expect(wqName(state, dev.id, i)).toBe(referenceWqName(state, dev.id, i));
    });
  for (const m of state.mdevs.values())
    expect(byId.get(`mdev:${m.id}`)?.detail).toBe(`on ${referenceWqName(state, m.parent, m.wq)}`);
}

/** Parents and pdevs under ids with and without trailing digits, and an mdev on some WQs. */
const randomFleet = fc
  .array(
    fc.record({
      name: fc.constantFrom('dsa', 'iax', 'acc', 'x', 'dsa1x', 'qat'),
      digits: fc.option(fc.nat(40), { nil: undefined }),
      parent: fc.boolean(),
      wqs: fc.integer({ min: 1, max: 8 }),
      mdevs: fc.nat(3),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((devs) => {
    let state = machine();
    let mdev = 0;
    devs.forEach((d, i) => {
      const id = `${d.name}${d.digits ?? ''}`;
      const bdf = `0000:${(0x10 + i).toString(16)}:01.0`;
      const cmd = d.parent
        ? ({ op: 'addDevice', id, bdf, kind: 'parent', wqs: d.wqs } as const)
        : ({ op: 'addDevice', id, bdf, kind: 'pdev' } as const);
      const r = applyCommand(state, cmd);
      if (!r.ok) return; // a repeated id: keep the first
      state = r.state;
      if (d.parent)
        for (let w = 0; w < Math.min(d.mdevs, d.wqs); w++) {
          const m = applyCommand(state, { op: 'createMdev', id: `m${mdev++}`, parent: id, wq: w });
          if (m.ok) state = m.state;
        }
    });
    return state;
  });

describe('topologyOf names WQs as the per-WQ definition does', () => {
  it('on random parents, with and without digits in their ids', () => {
    const seen = { digits: 0, rank: 0, mdevs: 0 };
    fc.assert(
      fc.property(randomFleet, (state) => {
        for (const d of state.devices.values())
          if (d.kind === 'parent') seen[/\d$/.test(d.id) ? 'digits' : 'rank'] += d.wqs.length;
        seen.mdevs += state.mdevs.size;
        expectReferenceNames(state);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // Both ways of naming a WQ were checked (trailing digits, the parent's rank), and mdev detail lines too.
    expect(seen.digits).toBeGreaterThan(0);
    expect(seen.rank).toBeGreaterThan(0);
    expect(seen.mdevs).toBeGreaterThan(0);
  });

  it('on the 64 VMs × 16 mdevs fleet', () => {
    const parsed = parseScenarioText(fleetScenario(64));
    if (!parsed.ok) throw new Error(parsed.message);
    expectReferenceNames(runScenario(parsed.value).state);
  });
});

describe('topologyOf is memoised per state', () => {
  it('the same state gives the same graph object; a new state its own graph', () => {
    const a = build(machine(), { op: 'addDevice', id: 'dsa0', bdf: '0000:6a:01.0', kind: 'parent', wqs: 2 }).state;
    expect(topologyOf(a)).toBe(topologyOf(a));
    const b = build(a, { op: 'createMdev', id: 'mdev1', parent: 'dsa0', wq: 1 }).state;
    expect(topologyOf(b)).not.toBe(topologyOf(a));
    expect(topologyOf(b).nodes.map((n) => n.id)).toContain('mdev:mdev1');
    expect(topologyOf(a).nodes.map((n) => n.id)).not.toContain('mdev:mdev1');
  });
});

describe('topologyOf reuses the graph of a state made of the same objects', () => {
  const seedStates = () => {
    const parsed = parseScenarioText(readFileSync('src/scenarios/three-wqs.json', 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    return runScenario(parsed.value).states;
  };

  it('a DMA changes no object of the graph: the same graph object, with no rebuild', () => {
    const before = seedStates().at(-1)!;
    const dma = applyCommand(before, { op: 'dma', device: 'mdev1', iova: '0x2000', access: 'read' });
    if (!dma.ok) throw new Error(dma.error.message);
    expect(dma.state).not.toBe(before);
    expect(topologyOf(dma.state)).toBe(topologyOf(before));
  });

  it('a command that changes the graph gets its own', () => {
    const before = seedStates().at(-1)!;
    const topo = topologyOf(before);
    const vm = applyCommand(before, { op: 'createVm', id: 'vm9', memory: '64MiB' });
    if (!vm.ok) throw new Error(vm.error.message);
    expect(topologyOf(vm.state)).not.toBe(topo);
    expect(topologyOf(vm.state).nodes.map((n) => n.id)).toContain('vm:vm9');
  });

  it.each(readdirSync('src/scenarios').filter((f) => f.endsWith('.json')))(
    'equals the graph built afresh at every step of %s, taken in order as the workbench does',
    (file) => {
      const parsed = parseScenarioText(readFileSync(`src/scenarios/${file}`, 'utf8'));
      if (!parsed.ok) throw new Error(parsed.message);
      for (const state of runScenario(parsed.value).states) expect(topologyOf(state)).toEqual(buildTopology(state));
    },
  );
});
