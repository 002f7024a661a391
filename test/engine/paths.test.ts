/**
 * The paths query behind focus mode and the inspector's lists (src/engine/inspect/paths.ts):
 * examples on the seed, and properties on every state of every built-in scenario and on random
 * command sequences mixing the aux-domain era, iommufd, nested and SVA ops.
 */
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyCommand,
  type Command,
  type EngineState,
  parseScenarioText,
  runScenario,
} from '../../src/engine/index.ts';
import { devicesOnPaths, focusSetOf, focusSetOfRef, nodeIdOfRef, pathIndexOf } from '../../src/engine/inspect/paths.ts';
import { relatedOf } from '../../src/engine/inspect/related.ts';
import { topologyOf } from '../../src/engine/inspect/topology.ts';

import { build, machine } from '../helpers/engine.ts';

const SEED = Number(process.env['FC_SEED'] ?? 20261202);
const RUNS = Number(process.env['FC_RUNS'] ?? 100);

function scenarioStates(file: string): EngineState[] {
  const parsed = parseScenarioText(readFileSync(`src/scenarios/${file}`, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  return runScenario(parsed.value).states;
}
const seed = () => scenarioStates('three-wqs.json').at(-1)!;
const sorted = (s: ReadonlySet<string> | null) => [...(s ?? [])].sort();

describe('focus sets on the seed (three WQs)', () => {
  it('a VM: its domain, IOASID, PASID entry, mdev, WQ and parent, and nothing of the other VM or the host', () => {
    expect(sorted(focusSetOfRef(seed(), 'vm1'))).toEqual([
      'device:dsa0',
      'domain:vm1.gpa.domain',
      'ioasid:vm1.gpa',
      'mdev:mdev1',
      'pasid:dsa0/1',
      'vm:vm1',
      'wq:dsa0/1',
    ]);
  });

  it('a parent device: all its WQs, mdevs, PASID entries, domains and the VMs of its mdevs', () => {
    const set = focusSetOfRef(seed(), 'dsa0')!;
    for (const id of [
      'vm:vm1',
      'vm:vm2',
      'domain:domain1',
      'pasid:dsa0/0',
      'wq:dsa0/0',
      'mdev:mdev2',
      'ioasid:vm2.gpa',
    ])
      expect(set).toContain(id);
    expect(set).not.toContain('iommu');
  });

  it("the host's DMA domain: the device and its host WQ through RID_PASID, no mdev", () => {
    expect(sorted(focusSetOfRef(seed(), 'domain1'))).toEqual([
      'device:dsa0',
      'domain:domain1',
      'pasid:dsa0/0',
      'wq:dsa0/0',
    ]);
  });

  it('sub-objects by their refs (a WQ, a PASID entry), and refs that name nothing', () => {
    const s = seed();
    expect(nodeIdOfRef(s, 'dsa0/wq2')).toBe('wq:dsa0/2');
    expect(nodeIdOfRef(s, 'dsa0/pasid1')).toBe('pasid:dsa0/1');
    expect(focusSetOfRef(s, 'dsa0/wq2')).toContain('vm:vm2');
    expect(focusSetOfRef(s, 'nope')).toBeNull();
    expect(focusSetOfRef(s, null)).toBeNull();
    expect(sorted(focusSetOfRef(s, 'iommu'))).toEqual(['iommu']);
  });

  it('the inspector groups: a VM lists its domain, IOASID, PASID, mdev, WQ and parent, not itself', () => {
    const groups = relatedOf(seed(), 'vm1');
    expect(groups.map((g) => [g.title, g.items.map((i) => i.ref)])).toEqual([
      ['IOASIDs', ['vm1.gpa']],
      ['Domains', ['vm1.gpa.domain']],
      ['PASID entries', ['dsa0/pasid1']],
      ['mdevs', ['mdev1']],
      ['WQs', ['dsa0/wq1']],
      ['Devices', ['dsa0']],
    ]);
    expect(groups.find((g) => g.kind === 'pasid')?.items[0]?.label).toBe('dsa0 PASID 1');
    expect(relatedOf(seed(), 'iommu')).toEqual([]);
  });

  it('a WQ still programmed with a freed PASID is on the path of the domain that PASID now reaches', () => {
    // dma.ts: an mdev's DMA carries its WQ's last PASID, so after m0's aux detach and m1's attach of B
    // at the same PASID value, m0's DMA reaches B (the hazard the path must show).
    const { state } = build(
      machine({ hostMemory: '1GiB' }),
      { op: 'addDevice', id: 'dsa0', bdf: '0000:6a:01.0', kind: 'parent', wqs: 2 },
      { op: 'enableFeature', device: 'dsa0', feature: 'AUX' },
      { op: 'createMdev', id: 'm0', parent: 'dsa0', wq: 0 },
      { op: 'createMdev', id: 'm1', parent: 'dsa0', wq: 1 },
      { op: 'allocDomain', id: 'A', type: 'UNMANAGED' },
      { op: 'allocDomain', id: 'B', type: 'UNMANAGED' },
      { op: 'auxAttach', domain: 'A', device: 'm0' },
      { op: 'auxDetach', domain: 'A', device: 'm0' },
      { op: 'auxAttach', domain: 'B', device: 'm1' },
    );
    const reused = state.devices.get('dsa0')?.wqPasid[0] === state.domains.get('B')?.auxPasid;
    expect(reused).toBe(true);
    expect(focusSetOfRef(state, 'B')).toContain('mdev:m0');
    expect(focusSetOfRef(state, 'A')).not.toContain('mdev:m0');
  });

  it('the devices whose tables concern a selection', () => {
    const s = seed();
    expect(devicesOnPaths(s, 'vm1')).toEqual(['dsa0']);
    expect(devicesOnPaths(s, 'mdev2')).toEqual(['dsa0']);
    expect(devicesOnPaths(s, 'vm1.gpa')).toEqual(['dsa0']);
    expect(devicesOnPaths(s, 'iommu')).toBeNull();
    expect(devicesOnPaths(s, 'nope')).toBeNull();
    // shared-gpa after both assigns: nic0 (primary) and dsa0 (mdev1's parent) reach vm1's GPA domain.
    const shared = scenarioStates('shared-gpa.json')[9]!;
    expect(devicesOnPaths(shared, 'vm1')).toEqual(['dsa0', 'nic0']);
    expect(devicesOnPaths(shared, 'vm1.gpa.domain')).toEqual(['dsa0', 'nic0']);
    expect(devicesOnPaths(shared, 'domain1')).toEqual(['dsa0']);
  });

  it("an mdev's siblings behind the same PASID entry are on the entry's paths, not on each other's", () => {
    const { state } = build(
      machine({ hostMemory: '1GiB' }),
      { op: 'addDevice', id: 'dsa0', bdf: '0000:6a:01.0', kind: 'parent', wqs: 2 },
      { op: 'createVm', id: 'vm0', memory: '4MiB' },
      { op: 'createMdev', id: 'm0', parent: 'dsa0', wq: 0 },
      { op: 'createMdev', id: 'm1', parent: 'dsa0', wq: 1 },
      { op: 'assign', device: 'm0', vm: 'vm0' },
      { op: 'assign', device: 'm1', vm: 'vm0' },
    );
    const entry = focusSetOfRef(state, 'dsa0/pasid1')!;
    expect(entry).toContain('mdev:m0');
    expect(entry).toContain('mdev:m1');
    expect(focusSetOfRef(state, 'm0')).not.toContain('mdev:m1');
    expect(focusSetOfRef(state, 'vm0')).toContain('mdev:m1');
  });

  it('is memoised per state and never mutates it', () => {
    const s = seed();
    expect(pathIndexOf(s)).toBe(pathIndexOf(s));
  });
});

describe('focus sets through iommufd, nesting and SVA', () => {
  it('a nested HWPT reaches its parent, IOAS, guest table and that table’s VM', () => {
    const s = scenarioStates('nested.json').at(-1)!;
    const set = focusSetOfRef(s, 'vm1')!;
    expect(set).toContain('guest-table:gpt1');
    expect(set.has('device:nic0')).toBe(s.devices.get('nic0')?.primary === 's1');
  });

  it('an SVA process is on the paths of both devices bound to it', () => {
    const states = scenarioStates('sva.json');
    const s = states.at(-1)!;
    expect(focusSetOfRef(s, 'proc1')).toEqual(
      new Set(['process:proc1', 'domain:proc1.sva', 'device:dsa0', 'device:iax0', 'pasid:dsa0/1', 'pasid:iax0/1']),
    );
  });

  it('a VM with a pdev and an mdev on one GPA domain (shared-gpa, after both assigns)', () => {
    const s = scenarioStates('shared-gpa.json')[9]!;
    expect(focusSetOfRef(s, 'vm1')).toEqual(
      new Set([
        'vm:vm1',
        'ioasid:vm1.gpa',
        'domain:vm1.gpa.domain',
        'device:nic0',
        'pasid:nic0/0',
        'device:dsa0',
        'pasid:dsa0/1',
        'wq:dsa0/1',
        'mdev:mdev1',
      ]),
    );
  });
});

/** Every property of the focus relation, on one state. */
function checkState(state: EngineState): void {
  const topo = topologyOf(state);
  const ids = new Set(topo.nodes.map((n) => n.id));
  const index = pathIndexOf(state);
  for (const p of index.paths) for (const id of p) expect(ids, `path node ${id}`).toContain(id);
  const sets = new Map(topo.nodes.map((n) => [n.id, focusSetOf(index, n.id)]));
  for (const [id, set] of sets) {
    expect(set.has(id)).toBe(true);
    // Symmetric: A on B's paths exactly when B on A's.
    for (const other of set) expect(sets.get(other)?.has(id), `${other} back to ${id}`).toBe(true);
  }
  // Every edge lies on a path: a focused node's neighbours are never dimmed.
  for (const e of topo.edges) expect(sets.get(e.source)?.has(e.target), e.id).toBe(true);
  // A VM's set holds its devices, its mdevs with their WQs and parents; a device's holds its VMs.
  for (const m of state.mdevs.values()) {
    if (m.vm === null) continue;
    const vmSet = sets.get(`vm:${m.vm}`)!;
    for (const id of [`mdev:${m.id}`, `wq:${m.parent}/${m.wq}`, `device:${m.parent}`]) expect(vmSet).toContain(id);
    expect(sets.get(`device:${m.parent}`)).toContain(`vm:${m.vm}`);
  }
  for (const d of state.devices.values()) if (d.vm !== null) expect(sets.get(`vm:${d.vm}`)).toContain(`device:${d.id}`);
  // A selection ref resolves to its own node.
  for (const n of topo.nodes) expect(nodeIdOfRef(state, n.ref)).toBe(n.id);
}

describe('focus relation properties', () => {
  it.each(readdirSync('src/scenarios').filter((f) => f.endsWith('.json')))('hold at every step of %s', (file) => {
    for (const s of scenarioStates(file)) checkState(s);
  });

  const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);
  const anyDev = pick('dsa0', 'nic0', 'm0', 'm1', 'm2');
  const dom = pick('A', 'B');
  const pasid = fc.option(pick(5, 9), { nil: undefined });
  const noUndefined = <T extends object>(o: T): T =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  const command: fc.Arbitrary<Command> = fc.oneof(
    fc.record({
      op: fc.constant('allocDomain' as const),
      id: dom,
      type: pick<'DMA' | 'UNMANAGED'>('DMA', 'UNMANAGED'),
    }),
    fc.record({ op: fc.constant('freeDomain' as const), id: dom }),
    fc.record({ op: fc.constant('attach' as const), domain: dom, device: anyDev }),
    fc.record({ op: fc.constant('detach' as const), device: anyDev }),
    fc.record({ op: fc.constant('auxAttach' as const), domain: dom, device: pick('m0', 'm1', 'm2') }),
    fc.record({ op: fc.constant('auxDetach' as const), domain: dom, device: pick('m0', 'm1', 'm2') }),
    fc.record({
      op: fc.constant('createMdev' as const),
      id: pick('m0', 'm1', 'm2'),
      parent: fc.constant('dsa0'),
      wq: fc.integer({ min: 0, max: 3 }),
    }),
    fc.record({ op: fc.constant('removeMdev' as const), id: pick('m0', 'm1', 'm2') }),
    fc.record({ op: fc.constant('useWq' as const), device: fc.constant('dsa0'), wq: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ op: fc.constant('assign' as const), device: anyDev, vm: pick('vm0', 'vm1') }),
    fc.record({ op: fc.constant('unassign' as const), device: anyDev }),
    fc.record({ op: fc.constant('ioasidAlloc' as const), id: pick('io0', 'io1') }),
    fc.record({ op: fc.constant('ioasidAttach' as const), ioasid: pick('io0', 'io1'), device: anyDev }),
    fc.record({ op: fc.constant('bindDevice' as const), device: pick('nic0', 'nic1') }),
    fc.record({
      op: fc.constant('hwptAlloc' as const),
      id: pick('hA', 'hB'),
      device: pick('nic0', 'nic1'),
      pt: fc.constant('G'),
      nestParent: fc.boolean(),
    }),
    fc
      .record({
        op: fc.constant('deviceAttach' as const),
        device: pick('nic0', 'nic1'),
        pt: pick('G', 'hA', 'hB'),
        pasid,
      })
      .map(noUndefined),
    fc.record({ op: fc.constant('deviceDetach' as const), device: pick('nic0', 'nic1'), pasid }).map(noUndefined),
    fc.record({ op: fc.constant('svaBind' as const), device: pick('dsa0', 'nic1'), process: fc.constant('p0') }),
  );

  it('hold on random command sequences', () => {
    const start = build(
      machine({ hostMemory: '1GiB' }),
      { op: 'addDevice', id: 'dsa0', bdf: '0000:6a:01.0', kind: 'parent', wqs: 4 },
      { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev', pasid: true },
      { op: 'addDevice', id: 'nic1', bdf: '0000:3c:00.0', kind: 'pdev', pasid: true },
      { op: 'createVm', id: 'vm0', memory: '4MiB' },
      { op: 'createVm', id: 'vm1', memory: '4MiB' },
      { op: 'ioasAlloc', id: 'G' },
      { op: 'processAlloc', id: 'p0' },
      { op: 'enableFeature', device: 'dsa0', feature: 'AUX' },
    ).state;
    let applied = 0;
    fc.assert(
      fc.property(fc.array(command, { minLength: 5, maxLength: 30 }), (cmds) => {
        let s = start;
        for (const c of cmds) {
          const r = applyCommand(s, c);
          if (r.ok) {
            s = r.state;
            applied++;
          }
        }
        checkState(s);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The property reached its case: the checked states were built by applied commands, not the start alone.
    expect(applied).toBeGreaterThan(RUNS);
  });
});
