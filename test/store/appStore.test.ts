import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { validCommand, validateCommand, type ValidCommand } from '../../src/engine/index.ts';
import { createAppStore, currentState } from '../../src/store/createAppStore.ts';
import { scenarioTextOf } from '../../src/store/persist.ts';
import { decodeShareHash, encodeShareHash } from '../../src/store/shareLink.ts';

const THREE_WQS = readFileSync(new URL('../../src/scenarios/three-wqs.json', import.meta.url), 'utf8');

function seeded() {
  const store = createAppStore();
  store.getState().apply(validCommand({ op: 'addDevice', id: 'dsa0', bdf: '0000:6a:01.0', kind: 'parent', wqs: 3 }));
  store.getState().apply(validCommand({ op: 'createVm', id: 'vm1', memory: '1GiB' }));
  return store;
}

describe('app store', () => {
  it('applies an accepted command: pushes the step, moves the cursor, clears the error', () => {
    const store = seeded();
    const s = store.getState();
    expect(s.steps.map((x) => x.op)).toEqual(['addDevice', 'createVm']);
    expect(s.cursor).toBe(2);
    expect(s.history.length).toBe(2);
    expect(currentState(s).devices.has('dsa0')).toBe(true);
    expect(s.lastError).toBeNull();
  });

  it('a refused command sets lastError and changes nothing else', () => {
    const store = seeded();
    const before = store.getState();
    expect(
      store
        .getState()
        .apply(validCommand({ op: 'addDevice', id: 'dsa0', bdf: '0000:6b:01.0', kind: 'parent', wqs: 1 })),
    ).toBe(false);
    const after = store.getState();
    expect(after.lastError).toMatchObject({ code: 'EEXIST', op: 'addDevice' });
    expect(after.steps).toBe(before.steps);
    expect(after.history).toBe(before.history);
    expect(after.cursor).toBe(before.cursor);
  });

  it('a malformed command is refused by validateCommand, once, before the store sees it', () => {
    const checked = validateCommand({ op: 'map', domain: 'd', iova: 'nothex', pa: '0x0', size: 4096, prot: 'rw' });
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.message).toMatch(/^iova: expected a hex string/);
    // The store takes only validated commands: an unchecked one does not type-check.
    const store = seeded();
    const raw = { op: 'createVm', id: 'vm9', memory: '1GiB' } as const;
    // @ts-expect-error a raw command is no ValidCommand
    store.getState().apply(raw);
    expectTypeOf<Parameters<ReturnType<typeof store.getState>['apply']>[0]>().toEqualTypeOf<ValidCommand>();
  });

  it('undo and redo move the cursor; a new command truncates the redo tail', () => {
    const store = seeded();
    store.getState().undo();
    expect(store.getState().cursor).toBe(1);
    expect(currentState(store.getState()).vms.size).toBe(0);
    store.getState().redo();
    expect(currentState(store.getState()).vms.has('vm1')).toBe(true);
    store.getState().undo();
    store.getState().apply(validCommand({ op: 'createVm', id: 'vm2', memory: '1GiB' }));
    const s = store.getState();
    expect(s.steps.map((x) => x.op)).toEqual(['addDevice', 'createVm']);
    expect(s.steps[1]).toMatchObject({ id: 'vm2' });
    expect(s.cursor).toBe(2);
    store.getState().redo();
    expect(store.getState().cursor).toBe(2);
  });

  it('selection and theme changes keep the redo tail', () => {
    const store = seeded();
    store.getState().undo();
    store.getState().select('dsa0');
    store.getState().setTheme('dark');
    expect(store.getState().steps).toHaveLength(2);
    store.getState().redo();
    expect(store.getState().cursor).toBe(2);
  });

  it('goTo jumps to any cached state and clamps', () => {
    const store = createAppStore();
    expect(store.getState().loadScenario(THREE_WQS)).toBe(true);
    const n = store.getState().steps.length;
    store.getState().goTo(1);
    expect(currentState(store.getState()).devices.size).toBe(1);
    expect(currentState(store.getState()).domains.size).toBe(0);
    store.getState().goTo(999);
    expect(store.getState().cursor).toBe(n);
    expect(store.getState().lastDma?.result['outcome']).toBe('fault');
  });

  it('loading a bad file keeps the current state and names the bad field', () => {
    const store = seeded();
    const before = store.getState();
    const bad = JSON.stringify({
      format: 'pasid-atlas/scenario@1',
      steps: [
        { op: 'createVm', id: 'x', memory: '1GiB' },
        { op: 'map', domain: 'd', iova: 12, pa: '0x0', size: 1, prot: 'rw' },
      ],
    });
    expect(store.getState().loadScenario(bad, 'file bad.json')).toBe(false);
    const after = store.getState();
    expect(after.importError).toMatch(/^The file bad\.json was rejected: steps\[1\]\.iova/);
    expect(after.steps).toBe(before.steps);
    expect(after.cursor).toBe(before.cursor);
  });

  it('a DMA sets lastDma; reset empties the document', () => {
    const store = createAppStore();
    store.getState().loadScenario(THREE_WQS);
    store.getState().apply(validCommand({ op: 'dma', device: 'mdev2', iova: '0x3000', access: 'read' }));
    expect(store.getState().lastDma?.result).toMatchObject({ pa: 0x80003000n, target: { vm: 'vm2' } });
    store.getState().reset();
    expect(store.getState().steps).toHaveLength(0);
    expect(currentState(store.getState()).devices.size).toBe(0);
  });

  it('scenario text and share hash round-trip the applied steps', () => {
    const store = createAppStore();
    store.getState().loadScenario(THREE_WQS);
    store.getState().undo();
    const text = scenarioTextOf(store.getState());
    const decoded = decodeShareHash(encodeShareHash(text));
    expect(decoded.kind).toBe('ok');
    const other = createAppStore();
    expect(other.getState().loadScenario(decoded.kind === 'ok' ? decoded.text : '')).toBe(true);
    expect(other.getState().steps).toEqual(store.getState().steps.slice(0, store.getState().cursor));
    expect(decodeShareHash('#s=garbage').kind).toBe('broken');
    expect(decodeShareHash('').kind).toBe('none');
  });
});

describe('document-level undo and the saved session', () => {
  it('Undo right after loading a scenario restores the previous document; Redo loads it again', async () => {
    const { createAppStore } = await import('../../src/store/createAppStore.ts');
    const { BUILTIN_SCENARIOS } = await import('../../src/store/scenarios.ts');
    const store = createAppStore();
    store.getState().apply(validCommand({ op: 'addDevice', id: 'dev0', bdf: '0000:01:00.0', kind: 'pdev' } as never));
    store.getState().apply(validCommand({ op: 'createVm', id: 'vm9', memory: '1GiB' } as never));
    store.getState().undo();
    expect(store.getState()).toMatchObject({ cursor: 1 });
    const b = BUILTIN_SCENARIOS[0]!;
    expect(store.getState().loadScenario(b.value)).toBe(true);
    expect(store.getState().title).toBe(b.title);
    store.getState().undo();
    expect(store.getState()).toMatchObject({ title: 'Untitled scenario', cursor: 1 });
    expect(store.getState().steps).toHaveLength(2); // the redo tail came back too
    store.getState().redo();
    expect(store.getState().title).toBe(b.title);
    // Moving through steps ends the load's undo: Undo is a step undo again.
    store.getState().goTo(0);
    expect(store.getState()).toMatchObject({ title: b.title, replacedDoc: null });
    store.getState().redo();
    store.getState().reset();
    expect(store.getState().steps).toHaveLength(0);
    store.getState().undo();
    expect(store.getState().title).toBe(b.title);
  });
});
