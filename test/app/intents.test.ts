import { describe, expect, it } from 'vitest';
import { validCommand, type Command } from '../../src/engine/index.ts';
import { resolveFields } from '../../src/app/actions/fieldModel.ts';
import { INTENTS, intentById } from '../../src/app/actions/intents.ts';
import { OP_FAMILIES } from '../../src/app/actions/opCatalog.ts';
import { OP_FIELDS } from '../../src/app/actions/opFields.ts';
import { createAppStore, currentState } from '../../src/store/createAppStore.ts';

type Store = ReturnType<typeof createAppStore>;

/** Apply a guided action with its state-derived defaults (plus any edits), as the form does. */
function run(store: Store, id: string, edits: Record<string, string> = {}) {
  const intent = intentById(id);
  if (!intent) throw new Error(id);
  const st = currentState(store.getState());
  const { values } = resolveFields(intent.fields, st, edits);
  const cmds = intent.expand(values, st).map((c) => validCommand(c as Command));
  const ok =
    cmds.length === 1 && cmds[0] ? store.getState().apply(cmds[0]) : store.getState().applyGroup(cmds, intent.title);
  return { ok, values, cmds };
}

describe('guided actions', () => {
  it('build the seed from an empty state in four actions using only the defaults', () => {
    const store = createAppStore();
    expect(run(store, 'add-dsa').values).toMatchObject({ id: 'dsa0', bdf: '0000:6a:01.0', wqs: '3' });
    const host = run(store, 'host-wq');
    expect(host.ok).toBe(true);
    expect(host.cmds.map((c) => c.op)).toEqual(['allocDomain', 'attach', 'useWq', 'map']);
    expect(host.cmds[0]).toMatchObject({ id: 'domain1', type: 'DMA' });
    expect(host.cmds[3]).toMatchObject({ iova: '0xffff0000', pa: '0x10000000', size: '64KiB' });
    const vm1 = run(store, 'vm-mdev');
    expect(vm1.cmds).toEqual([
      { op: 'createVm', id: 'vm1', memory: '1GiB', hpa: '0x40000000' },
      { op: 'createMdev', id: 'mdev1', parent: 'dsa0', wq: 1 },
      { op: 'assign', device: 'mdev1', vm: 'vm1' },
    ]);
    const vm2 = run(store, 'vm-mdev');
    expect(vm2.cmds[0]).toMatchObject({ id: 'vm2', hpa: '0x80000000' });
    expect(vm2.cmds[1]).toMatchObject({ id: 'mdev2', wq: 2 });
    const s = store.getState();
    expect(s.steps.map((x) => x.op)).toEqual([
      'addDevice',
      'allocDomain',
      'attach',
      'useWq',
      'map',
      'createVm',
      'createMdev',
      'assign',
      'createVm',
      'createMdev',
      'assign',
    ]);
    // Each DMA's default lands on a mapped range and translates, like the seed's.
    for (const [device, pa, pasid] of [
      ['dsa0', 0x10000000n, 0],
      ['mdev1', 0x40000000n, 1],
      ['mdev2', 0x80000000n, 2],
    ] as const) {
      expect(run(store, 'dma', { device }).ok).toBe(true);
      expect(store.getState().lastDma?.result).toMatchObject({ outcome: 'translated', pa, pasid });
    }
  });

  it('host-wq reuses the device’s DMA domain the second time, on the next free WQ and IOVA', () => {
    const store = createAppStore();
    run(store, 'add-dsa', { wqs: '4' });
    run(store, 'host-wq');
    const again = run(store, 'host-wq');
    expect(again.ok).toBe(true);
    expect(again.cmds).toEqual([
      { op: 'useWq', device: 'dsa0', wq: 1 },
      { op: 'map', domain: 'domain1', iova: '0x100000000', pa: '0x10000000', size: '64KiB', prot: 'rw' },
    ]);
  });

  it('a DMA from a parent with aux domains can carry a PASID chosen by range', () => {
    const store = createAppStore();
    for (const id of ['add-dsa', 'host-wq', 'vm-mdev']) run(store, id);
    const r = run(store, 'dma', { device: 'dsa0', range: '1@0x0' });
    expect(r.cmds[0]).toEqual({ op: 'dma', device: 'dsa0', pasid: 1, iova: '0x0', access: 'read' });
    expect(store.getState().lastDma?.result).toMatchObject({ outcome: 'translated', pa: 0x40000000n });
  });

  it('every intent has a summary and keywords; every op is in exactly one family', () => {
    for (const i of INTENTS) expect(i.summary.length).toBeGreaterThan(20);
    const listed = OP_FAMILIES.flatMap((f) => f.ops.map((o) => o.op)).sort();
    expect(listed).toEqual(Object.keys(OP_FIELDS).sort());
    for (const f of OP_FAMILIES) for (const o of f.ops) expect(o.summary).not.toBe('');
  });
});
