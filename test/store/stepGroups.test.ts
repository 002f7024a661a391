import { describe, expect, it } from 'vitest';
import { validCommand, validateCommand, type Command } from '../../src/engine/index.ts';
import { createAppStore, currentState } from '../../src/store/createAppStore.ts';

const HOST_WQ: Command[] = [
  { op: 'allocDomain', id: 'domain1', type: 'DMA' },
  { op: 'attach', domain: 'domain1', device: 'dsa0' },
  { op: 'useWq', device: 'dsa0', wq: 0 },
  { op: 'map', domain: 'domain1', iova: '0xffff0000', pa: '0x10000000', size: '64KiB', prot: 'rw' },
];

function withDsa() {
  const store = createAppStore();
  store.getState().apply(validCommand({ op: 'addDevice', id: 'dsa0', bdf: '0000:6a:01.0', kind: 'parent', wqs: 3 }));
  return store;
}

describe('applyGroup: a recipe is its ops in the log and one undo step', () => {
  it('puts every op in the log; one undo reverts them all, one redo brings them back', () => {
    const store = withDsa();
    expect(
      store.getState().applyGroup(
        HOST_WQ.map((c) => validCommand(c)),
        'Give the host a WQ',
      ),
    ).toBe(true);
    const s = store.getState();
    expect(s.steps.map((x) => x.op)).toEqual(['addDevice', 'allocDomain', 'attach', 'useWq', 'map']);
    expect(s.cursor).toBe(5);
    // No group marker leaks into the scenario steps.
    expect(Object.keys(s.steps[1] ?? {})).toEqual(['op', 'id', 'type']);
    store.getState().undo();
    expect(store.getState().cursor).toBe(1);
    expect(currentState(store.getState()).domains.size).toBe(0);
    store.getState().redo();
    expect(store.getState().cursor).toBe(5);
    expect(currentState(store.getState()).domains.get('domain1')?.mappings).toHaveLength(1);
    // The op before the group still undoes alone.
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().cursor).toBe(0);
  });

  it('a refused op applies nothing and the error names which op of the recipe failed', () => {
    const store = withDsa();
    const before = store.getState();
    const bad: Command[] = [...HOST_WQ.slice(0, 2), { op: 'useWq', device: 'dsa0', wq: 7 }, HOST_WQ[3] as Command];
    expect(
      store.getState().applyGroup(
        bad.map((c) => validCommand(c)),
        'Give the host a WQ',
      ),
    ).toBe(false);
    const after = store.getState();
    expect(after.steps).toBe(before.steps);
    expect(after.cursor).toBe(1);
    expect(currentState(after)).toBe(currentState(before));
    expect(after.lastError).toMatchObject({ code: 'EINVAL', op: 'useWq' });
    expect(after.lastError?.message).toMatch(
      /^Give the host a WQ: step 3 of 4 \(useWq\) was refused, so nothing was applied/,
    );
  });

  it('a malformed command in a recipe is refused by validateCommand before the store', () => {
    const checked = validateCommand({ op: 'map', domain: 'x', iova: 'zz', pa: '0x0', size: 4096, prot: 'rw' });
    expect(!checked.ok && checked.message).toMatch(/^iova: expected a hex string/);
    expect(() => validCommand({ op: 'map', domain: 'x', iova: 'zz', pa: '0x0', size: 4096, prot: 'rw' })).toThrow(
      /invalid map command: iova/,
    );
  });

  it('a group stops applying once its steps leave the log (new command over the redo tail, load, reset)', () => {
    const store = withDsa();
    store.getState().applyGroup(
      HOST_WQ.map((c) => validCommand(c)),
      'host',
    );
    store.getState().goTo(3); // into the middle of the group (the timeline may do that)
    store.getState().apply(validCommand({ op: 'createVm', id: 'vm1', memory: '1GiB' }));
    expect(store.getState().steps).toHaveLength(4);
    store.getState().undo();
    expect(store.getState().cursor).toBe(3);
    store.getState().undo();
    expect(store.getState().cursor).toBe(2);
  });

  it('undo from inside a group goes one step back; two groups in a row undo one each', () => {
    const store = withDsa();
    store.getState().applyGroup(
      HOST_WQ.slice(0, 2).map((c) => validCommand(c)),
      'a',
    );
    store.getState().applyGroup(
      HOST_WQ.slice(2).map((c) => validCommand(c)),
      'b',
    );
    expect(store.getState().cursor).toBe(5);
    store.getState().undo();
    expect(store.getState().cursor).toBe(3);
    store.getState().undo();
    expect(store.getState().cursor).toBe(1);
    store.getState().redo();
    store.getState().redo();
    expect(store.getState().cursor).toBe(5);
    store.getState().goTo(4);
    store.getState().undo();
    expect(store.getState().cursor).toBe(3);
  });
});
