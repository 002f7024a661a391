/** Topology ops: addDevice, createVm, createMdev, useWq, removeMdev — results and every errno. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { applyCommand, parseScenarioValue, runScenario, type Command } from '../../src/engine/index.ts';
import { topologyOf } from '../../src/engine/inspect/topology.ts';
import { SEED_DEVICES, build, machine, refused } from '../helpers/engine.ts';

describe('addDevice', () => {
  it('returns the RID as bus<<8 | dev<<3 | fn (printed in hex)', () => {
    const r = applyCommand(machine(), { op: 'addDevice', id: 'dsa0', bdf: '0000:6a:01.0', kind: 'parent', wqs: 3 });
    expect(r.ok && r.result).toEqual({ rid: 0x6a08 });
    const p = applyCommand(machine(), { op: 'addDevice', id: 'x', bdf: 'ff:1f.7', kind: 'pdev' });
    expect(p.ok && p.result).toEqual({ rid: 0xffff });
  });

  it('defaults: a parent has PASID (20 bits), a pdev has none', () => {
    const { state } = build(machine(), ...SEED_DEVICES);
    expect(state.devices.get('dsa0')).toMatchObject({ pasidCap: true, pasidBits: 20, pasidTableSize: 7 });
    expect(state.devices.get('nic0')).toMatchObject({ pasidCap: false, pasidTableSize: 2 });
  });

  it.each<[string, Command, string]>([
    ['id taken', { op: 'addDevice', id: 'dsa0', bdf: '0000:00:01.0', kind: 'pdev' }, 'EEXIST'],
    ['bdf taken', { op: 'addDevice', id: 'x', bdf: '0000:6a:01.0', kind: 'pdev' }, 'EEXIST'],
    ['device number above 0x1f', { op: 'addDevice', id: 'x', bdf: '0000:00:20.0', kind: 'pdev' }, 'EINVAL'],
    ['parent without wqs', { op: 'addDevice', id: 'x', bdf: '0000:00:01.0', kind: 'parent' }, 'EINVAL'],
    ['nine wqs', { op: 'addDevice', id: 'x', bdf: '0000:00:01.0', kind: 'parent', wqs: 9 }, 'EINVAL'],
    ['zero wqs', { op: 'addDevice', id: 'x', bdf: '0000:00:01.0', kind: 'parent', wqs: 0 }, 'EINVAL'],
    ['wqs on a pdev', { op: 'addDevice', id: 'x', bdf: '0000:00:01.0', kind: 'pdev', wqs: 1 }, 'EINVAL'],
    [
      'pasidBits 21',
      { op: 'addDevice', id: 'x', bdf: '0000:00:01.0', kind: 'pdev', pasid: true, pasidBits: 21 },
      'EINVAL',
    ],
    ['another PCI segment', { op: 'addDevice', id: 'x', bdf: '0001:00:01.0', kind: 'pdev' }, 'EINVAL'],
  ])('refuses %s', (_name, cmd, code) => {
    refused(build(machine(), ...SEED_DEVICES).state, cmd, code);
  });
});

describe('createVm', () => {
  it('reserves guest RAM at the given hpa, or top-down', () => {
    const { state } = build(
      machine({ hostMemory: '1GiB' }),
      { op: 'createVm', id: 'vm1', memory: '64MiB', hpa: '0x1000000' },
      { op: 'createVm', id: 'vm2', memory: '4MiB' },
    );
    expect(state.vms.get('vm1')).toEqual({ id: 'vm1', memory: 64 << 20, hpa: 0x1000000, guestTop: 64 << 20 });
    const vm2 = state.vms.get('vm2');
    expect(vm2 && vm2.hpa % (2 << 20)).toBe(0);
    expect(vm2 && vm2.hpa + vm2.memory).toBeLessThanOrEqual(1 << 30);
  });

  it.each<[string, Command, string]>([
    ['a size that is no 4KiB multiple', { op: 'createVm', id: 'v', memory: 5000 }, 'EINVAL'],
    ['zero memory', { op: 'createVm', id: 'v', memory: 0 }, 'EINVAL'],
    ['an unaligned hpa', { op: 'createVm', id: 'v', memory: '4KiB', hpa: '0x800' }, 'EINVAL'],
    ['more than host memory', { op: 'createVm', id: 'v', memory: '2GiB' }, 'ENOMEM'],
    ['an hpa range in use by another VM', { op: 'createVm', id: 'v', memory: '4MiB', hpa: '0x1200000' }, 'EBUSY'],
    ['an hpa range holding IOMMU structures', { op: 'createVm', id: 'v', memory: '4KiB', hpa: '0x3ffff000' }, 'EBUSY'],
    ['a taken id', { op: 'createVm', id: 'vm1', memory: '4KiB' }, 'EEXIST'],
  ])('refuses %s', (_name, cmd, code) => {
    const { state } = build(machine({ hostMemory: '1GiB' }), {
      op: 'createVm',
      id: 'vm1',
      memory: '64MiB',
      hpa: '0x1000000',
    });
    refused(state, cmd, code);
  });

  it('runs out of host memory with ENOMEM', () => {
    const { state } = build(machine({ hostMemory: '64MiB' }), { op: 'createVm', id: 'a', memory: '40MiB' });
    refused(state, { op: 'createVm', id: 'b', memory: '40MiB' }, 'ENOMEM');
  });
});

describe('createMdev, useWq, removeMdev', () => {
  const base = () =>
    build(machine(), ...SEED_DEVICES, {
      op: 'addDevice',
      id: 'old',
      bdf: '0000:6b:00.0',
      kind: 'parent',
      wqs: 1,
      pasid: false,
    }).state;

  it('an mdev takes a free WQ; the host driver takes another', () => {
    const { state, result } = build(base(), { op: 'createMdev', id: 'm1', parent: 'dsa0', wq: 1 });
    expect(result).toEqual({ parent: 'dsa0', wq: 1 });
    const s2 = build(state, { op: 'useWq', device: 'dsa0', wq: 0 }).state;
    expect(s2.devices.get('dsa0')?.wqs).toEqual([{ by: 'host' }, { by: 'mdev', mdev: 'm1' }, { by: 'free' }]);
  });

  it.each<[string, Command, string]>([
    ['a WQ that backs an mdev', { op: 'createMdev', id: 'm2', parent: 'dsa0', wq: 1 }, 'EBUSY'],
    ['a WQ the host driver uses', { op: 'createMdev', id: 'm2', parent: 'dsa0', wq: 0 }, 'EBUSY'],
    ['no such WQ', { op: 'createMdev', id: 'm2', parent: 'dsa0', wq: 3 }, 'EINVAL'],
    ['a parent without PASID', { op: 'createMdev', id: 'm2', parent: 'old', wq: 0 }, 'ENODEV'],
    ['a pdev as parent', { op: 'createMdev', id: 'm2', parent: 'nic0', wq: 0 }, 'EINVAL'],
    ['a missing parent', { op: 'createMdev', id: 'm2', parent: 'nope', wq: 0 }, 'ENOENT'],
    ['useWq on a busy WQ', { op: 'useWq', device: 'dsa0', wq: 1 }, 'EBUSY'],
    ['removeMdev of nothing', { op: 'removeMdev', id: 'nope' }, 'ENOENT'],
  ])('refuses %s', (_name, cmd, code) => {
    const { state } = build(
      base(),
      { op: 'createMdev', id: 'm1', parent: 'dsa0', wq: 1 },
      { op: 'useWq', device: 'dsa0', wq: 0 },
    );
    refused(state, cmd, code);
  });

  it('removeMdev frees the WQ, but not while assigned', () => {
    const { state } = build(
      base(),
      { op: 'createMdev', id: 'm1', parent: 'dsa0', wq: 1 },
      { op: 'createVm', id: 'vm1', memory: '16MiB' },
      { op: 'assign', device: 'm1', vm: 'vm1' },
    );
    expect(refused(state, { op: 'removeMdev', id: 'm1' }, 'EBUSY')).toMatch(/vm1/);
    const s2 = build(state, { op: 'unassign', device: 'm1' }, { op: 'removeMdev', id: 'm1' }).state;
    expect(s2.mdevs.has('m1')).toBe(false);
    expect(s2.devices.get('dsa0')?.wqs[1]).toEqual({ by: 'free' });
  });
});

describe("the graph's PASID entries in each IOMMU's words", () => {
  // The seed (three WQs) on each IOMMU: the parent's untagged entry and its mdevs' tagged ones.
  const labels = (platform: Record<string, string>) => {
    const seed = JSON.parse(readFileSync('src/scenarios/three-wqs.json', 'utf8')) as { platform?: object };
    const parsed = parseScenarioValue({ ...seed, platform: { ...seed.platform, ...platform } });
    if (!parsed.ok) throw new Error(parsed.message);
    const topo = topologyOf(runScenario(parsed.value).state);
    return {
      entries: topo.nodes.filter((n) => n.kind === 'pasid').map((n) => n.label),
      aux: topo.edges.filter((e) => e.kind === 'aux' && e.label !== null).map((e) => e.label),
    };
  };

  it('VT-d: RID_PASID 0, then PASIDs', () => {
    expect(labels({ iommu: 'vtd' })).toEqual({
      entries: ['RID_PASID 0', 'PASID 1', 'PASID 2'],
      aux: ['PASID 1', 'PASID 2'],
    });
  });
  it('SMMUv3: SubstreamIDs (SSID 0 is CD 0, what an untagged request uses)', () => {
    expect(labels({ iommu: 'smmuv3' })).toEqual({ entries: ['SSID 0', 'SSID 1', 'SSID 2'], aux: ['SSID 1', 'SSID 2'] });
  });
  it('AMD-Vi v2: GCR3[0] for the untagged entry; v1: no PASIDs, the untagged DTE only', () => {
    expect(labels({ iommu: 'amd-vi', pageTable: 'v2' })).toEqual({
      entries: ['GCR3[0]', 'PASID 1', 'PASID 2'],
      aux: ['PASID 1', 'PASID 2'],
    });
    expect(labels({ iommu: 'amd-vi', pageTable: 'v1' })).toEqual({ entries: ['untagged'], aux: [] });
  });
});
