/** assign / unassign: the composite that gives a device to a VM through its gpa_ioasid. */
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../src/engine/index.ts';
import { SEED_DEVICES, build, machine, refused } from '../helpers/engine.ts';

const base = () =>
  build(
    machine(),
    ...SEED_DEVICES,
    { op: 'createVm', id: 'vm1', memory: '1GiB', hpa: '0x40000000' },
    { op: 'createVm', id: 'vm2', memory: '1GiB', hpa: '0x80000000' },
    { op: 'createMdev', id: 'm1', parent: 'dsa0', wq: 1 },
  ).state;

describe('assign', () => {
  it('creates the VM GPA space, maps all guest RAM, enables AUX and aux-attaches the mdev', () => {
    const { result, state } = build(base(), { op: 'assign', device: 'm1', vm: 'vm1' });
    expect(result).toMatchObject({ ioasid: 'vm1.gpa', domain: 'vm1.gpa.domain', pasid: 1 });
    expect(result['steps']).toEqual([
      { op: 'ioasidAlloc', id: 'vm1.gpa' },
      { op: 'ioasidMap', ioasid: 'vm1.gpa', iova: '0x0', pa: '0x40000000', size: 1 << 30, prot: 'rw' },
      { op: 'enableFeature', device: 'dsa0', feature: 'AUX' },
      { op: 'ioasidAttach', ioasid: 'vm1.gpa', device: 'm1' },
    ]);
    expect(state.mdevs.get('m1')?.vm).toBe('vm1');
  });

  it('shares one domain between a pdev (primary) and an mdev (aux) of the same VM', () => {
    const { state } = build(
      base(),
      { op: 'assign', device: 'nic0', vm: 'vm1' },
      { op: 'assign', device: 'm1', vm: 'vm1' },
    );
    expect(state.devices.get('nic0')?.primary).toBe('vm1.gpa.domain');
    expect(state.aux).toEqual([{ domain: 'vm1.gpa.domain', device: 'dsa0', wq: 1, mdev: 'm1' }]);
    const a = applyCommand(state, { op: 'dma', device: 'nic0', iova: '0x5000', access: 'read' });
    const b = applyCommand(state, { op: 'dma', device: 'm1', iova: '0x5000', access: 'read' });
    expect(a.ok && a.result).toMatchObject({ pa: 0x40005000n, did: 2 });
    expect(b.ok && b.result).toMatchObject({ pa: 0x40005000n, did: 2, pasid: 1 });
  });

  it('refuses a second assignment, a parent, and missing objects', () => {
    const s = build(base(), { op: 'assign', device: 'm1', vm: 'vm1' }).state;
    expect(refused(s, { op: 'assign', device: 'm1', vm: 'vm2' }, 'EBUSY')).toMatch(/vm1/);
    refused(s, { op: 'assign', device: 'dsa0', vm: 'vm2' }, 'EINVAL');
    refused(s, { op: 'assign', device: 'zz', vm: 'vm2' }, 'ENOENT');
    refused(s, { op: 'assign', device: 'nic0', vm: 'zz' }, 'ENOENT');
    refused(s, { op: 'unassign', device: 'nic0' }, 'EINVAL');
  });
});

describe('unassign', () => {
  it('reverses assign: the last device out frees the GPA space and its page tables', () => {
    const before = base();
    const s = build(before, { op: 'assign', device: 'm1', vm: 'vm1' }, { op: 'unassign', device: 'm1' }).state;
    expect(s.ioasids.size).toBe(0);
    expect(s.domains.size).toBe(0);
    // PASID table pages stay allocated (as the kernel keeps them); every page-table frame is gone.
    expect(s.memory.frames.size).toBe(before.memory.frames.size + 2);
    const r = applyCommand(s, { op: 'dma', device: 'm1', iova: '0x0', access: 'read' });
    expect(r.ok && r.result).toMatchObject({ outcome: 'fault', fault: 'no-pasid', pasid: 1 });
  });
});
