import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validCommand, type Command } from '../../src/engine/index.ts';
import { createAppStore, currentState } from '../../src/store/createAppStore.ts';
import { createLibrary } from '../../src/store/library.ts';
import { memoryBodyStore } from '../../src/store/storage/idb.ts';
import {
  DOC_KEY_PREFIX,
  INDEX_KEY,
  LEGACY_KEY,
  LOCAL_LIMIT,
  MAX_DOCS,
  parseDocBody,
  parseIndex,
  withEntry,
  type DocEntry,
} from '../../src/store/storage/layout.ts';
import { listenForShareLinks, loadInitial, startupRoute } from '../../src/store/startup.ts';
import { encodeShareHash } from '../../src/store/shareLink.ts';
import { fingerprint } from '../helpers/fingerprint.ts';
import { memoryStorage } from '../helpers/memoryStorage.ts';
import { RUNS, SEED, SETUP, storeCommand } from '../helpers/storeCommands.ts';

const THREE_WQS = readFileSync(new URL('../../src/scenarios/three-wqs.json', import.meta.url), 'utf8');
const VM: Command = { op: 'createVm', id: 'vm9', memory: '1GiB' };
const DEV: Command = { op: 'addDevice', id: 'dev0', bdf: '0000:01:00.0', kind: 'pdev' };

function setup(local = memoryStorage(), bodies = memoryBodyStore()) {
  const library = createLibrary({ local, bodies, delay: 0 });
  library.open();
  const store = createAppStore();
  library.attach(store);
  return { local, bodies, library, store };
}

/** A second tab / a reload over the same storage. */
async function reload(local: Storage, bodies = memoryBodyStore(), hash = '') {
  const library = createLibrary({ local, bodies, delay: 0 });
  library.open();
  const store = createAppStore();
  const route = startupRoute(hash, library);
  library.attach(store);
  await loadInitial(store, hash, library);
  return { library, store, route };
}

describe('storage layout', () => {
  it('reads the index leniently: damaged entries are dropped, not the index', () => {
    const idx = parseIndex(
      JSON.stringify({
        format: 'pasid-atlas/index@2',
        theme: 'dark',
        current: 'a',
        docs: [{ id: 'a', name: 'A', modified: 5, steps: 3, cursor: 2, origin: 'user', where: 'idb' }, { nope: 1 }, 7],
      }),
    );
    expect(idx).toEqual({
      theme: 'dark',
      current: 'a',
      docs: [{ id: 'a', name: 'A', modified: 5, steps: 3, cursor: 2, origin: 'user', where: 'idb' }],
    });
    expect(parseIndex('not json')).toBeNull();
    expect(parseIndex(null)).toBeNull();
  });

  it.each([
    [
      'a session@1 envelope (scenario as text)',
      JSON.stringify({
        format: 'pasid-atlas/session@1',
        cursor: 1,
        theme: 'dark',
        scenario: JSON.stringify({ format: 'pasid-atlas/scenario@1', steps: [VM] }),
      }),
      1,
      'dark',
    ],
    [
      'a session envelope holding the scenario as an object',
      JSON.stringify({
        format: 'pasid-atlas/session@1',
        cursor: 0,
        scenario: { format: 'pasid-atlas/scenario@1', steps: [VM] },
      }),
      0,
      null,
    ],
    [
      'an envelope whose scenario lost its format tag',
      JSON.stringify({ format: 'pasid-atlas/session@1', scenario: { steps: [VM] } }),
      Infinity,
      null,
    ],
    [
      'a bare scenario (the oldest saves)',
      JSON.stringify({ format: 'pasid-atlas/scenario@1', steps: [VM] }),
      Infinity,
      null,
    ],
  ])('reads %s as a scenario the parser accepts', (_name, raw, cursor, theme) => {
    const doc = parseDocBody(raw);
    expect(doc.cursor).toBe(cursor);
    expect(doc.theme).toBe(theme);
    const store = createAppStore();
    expect(store.getState().loadScenario(doc.scenario)).toBe(true);
    expect(store.getState().steps).toHaveLength(1);
  });

  it('keeps at most MAX_DOCS, dropping unedited link documents first, never the shown one', () => {
    const e = (id: string, origin: 'user' | 'link', modified: number): DocEntry => ({
      id,
      name: id,
      modified,
      steps: 1,
      cursor: 1,
      origin,
      where: 'local',
    });
    let docs: DocEntry[] = [];
    for (let i = 0; i < MAX_DOCS; i++) docs = withEntry(docs, e(`u${i}`, i === 3 ? 'link' : 'user', i), null).docs;
    const r = withEntry(docs, e('new', 'user', 99), 'u0');
    expect(r.dropped.map((d) => d.id)).toEqual(['u3']);
    const r2 = withEntry(r.docs, e('new2', 'user', 100), 'u0');
    expect(r2.dropped.map((d) => d.id)).toEqual(['u1']); // u0 is shown: the next oldest goes
    expect(r2.docs).toHaveLength(MAX_DOCS);
  });
});

describe('library: autosave, documents, migration', () => {
  it('saves the redo tail, cursor and theme, and reopens them at startup', async () => {
    const { local, bodies, store, library } = setup();
    store.getState().apply(validCommand(DEV));
    store.getState().apply(validCommand(VM));
    store.getState().undo();
    store.getState().setTheme('dark');
    await library.flush();
    expect(parseIndex(local.getItem(INDEX_KEY))?.docs).toHaveLength(1);
    const b = await reload(local, bodies);
    expect(b.route).toEqual({ view: 'workbench' });
    expect(b.store.getState()).toMatchObject({ cursor: 1, theme: 'dark' });
    expect(b.store.getState().steps).toHaveLength(2);
    expect(b.store.getState().doc.id).toBe(store.getState().doc.id);
  });

  it('a recipe still undoes as one after a reload; damaged stored groups are dropped, never the steps', async () => {
    const { local, bodies, store, library } = setup();
    store.getState().apply(validCommand(DEV));
    const recipe: Command[] = [
      { op: 'allocDomain', id: 'd1', type: 'DMA' },
      { op: 'attach', domain: 'd1', device: 'dev0' },
    ];
    expect(store.getState().applyGroup(recipe.map(validCommand), 'Give dev0 a DMA domain')).toBe(true);
    await library.flush();
    const b = await reload(local, bodies);
    expect(b.store.getState()).toMatchObject({ cursor: 3 });
    b.store.getState().undo();
    expect(b.store.getState().cursor).toBe(1); // the whole recipe, not just the attach

    // A body whose groups are damaged still opens with every step; each op then undoes alone.
    const key = DOC_KEY_PREFIX + store.getState().doc.id;
    const body = JSON.parse(local.getItem(key)!) as Record<string, unknown>;
    local.setItem(key, JSON.stringify({ ...body, groups: [{ start: 1, length: 99, label: 'x' }, 'junk'] }));
    const c = await reload(local, bodies);
    expect(c.store.getState().steps).toHaveLength(3);
    c.store.getState().undo();
    expect(c.store.getState().cursor).toBe(2);
  });

  it('migrates the older session key (pasid-atlas:v1) on first start and moves it at the next save', async () => {
    const local = memoryStorage();
    local.setItem(
      LEGACY_KEY,
      JSON.stringify({
        format: 'pasid-atlas/session@1',
        cursor: 1,
        theme: 'dark',
        scenario: JSON.stringify({ format: 'pasid-atlas/scenario@1', title: 'Mine', steps: [DEV, VM] }),
      }),
    );
    const b = await reload(local);
    expect(b.store.getState()).toMatchObject({ title: 'Mine', cursor: 1, theme: 'dark', importError: null });
    expect(b.library.index().docs[0]).toMatchObject({ name: 'Mine', steps: 2, where: 'legacy', origin: 'user' });
    b.store.getState().apply(validCommand({ op: 'createVm', id: 'vm2', memory: '1GiB' }));
    await b.library.flush();
    expect(local.getItem(LEGACY_KEY)).toBeNull();
    expect(local.getItem(`${DOC_KEY_PREFIX}legacy`)).toContain('vm2');
  });

  it('an unreadable old save is kept and reported in one sentence, never as a wrong scenario format', async () => {
    const local = memoryStorage();
    local.setItem(
      LEGACY_KEY,
      '{"format":"pasid-atlas/session@1","scenario":"{\\"steps\\":[{\\"op\\":\\"teleport\\"}]}"}',
    );
    const b = await reload(local);
    const msg = b.store.getState().importError ?? '';
    expect(msg).toMatch(/^Your saved document “Saved session” could not be opened \(.*\); it is still kept in storage/);
    expect(msg).not.toMatch(/format/i);
    expect(local.getItem(LEGACY_KEY)).not.toBeNull();
  });

  it('a share link opens in its own document: the saved one stays, and is offered back', async () => {
    const { local, bodies, store, library } = setup();
    store.getState().apply(validCommand(DEV));
    await library.flush();
    const savedId = store.getState().doc.id;
    const b = await reload(local, bodies, encodeShareHash(THREE_WQS));
    expect(b.store.getState().title).toBe(JSON.parse(THREE_WQS).title);
    expect(b.store.getState().doc).toMatchObject({ origin: 'link' });
    expect(b.library.savedWork(b.store.getState().doc.id)?.id).toBe(savedId);
    b.store.getState().apply(validCommand({ op: 'createVm', id: 'vm7', memory: '1GiB' }));
    await b.library.flush();
    const saved = await b.library.read(b.library.index().docs.find((d) => d.id === savedId)!);
    expect((saved?.scenario as { steps: unknown[] }).steps).toHaveLength(1);
  });

  it('a broken share link shows the saved work and says what was wrong', async () => {
    const { local, bodies, store, library } = setup();
    store.getState().apply(validCommand(DEV));
    await library.flush();
    const b = await reload(local, bodies, '#s=garbage');
    expect(b.store.getState().steps).toHaveLength(1);
    expect(b.store.getState().importError).toMatch(
      /^The share link is broken: .*; your saved work is shown instead\.$/,
    );
  });

  it('a #s= link pasted into an open tab loads without a reload', async () => {
    const { store, library } = setup();
    store.getState().apply(validCommand(DEV));
    const listeners = new Map<string, () => void>();
    const target = {
      location: { hash: '' },
      addEventListener: (t: string, f: () => void) => listeners.set(t, f),
      removeEventListener: () => undefined,
    };
    listenForShareLinks(store, library, target as never);
    target.location.hash = encodeShareHash(THREE_WQS);
    listeners.get('hashchange')!();
    await Promise.resolve();
    expect(store.getState().title).toBe(JSON.parse(THREE_WQS).title);
    expect(store.getState().notice?.undo).toBe(true);
  });

  it('a document too big for localStorage goes to IndexedDB and reopens from there', async () => {
    const local = memoryStorage();
    const bodies = memoryBodyStore();
    const { store, library } = setup(local, bodies);
    const steps = Array.from({ length: 18000 }, (_, i) => ({
      op: 'dma',
      device: 'nic0',
      iova: `0x${(i * 4096).toString(16)}`,
      access: 'read',
    }));
    expect(
      store.getState().loadScenario({ format: 'pasid-atlas/scenario@1', title: 'Big', steps: [...SETUP, ...steps] }),
    ).toBe(true);
    await library.flush();
    expect(JSON.stringify(store.getState().steps).length).toBeGreaterThan(LOCAL_LIMIT);
    expect(library.index().docs[0]!.where).toBe('idb');
    expect([...local.data.keys()].filter((k) => k.startsWith(DOC_KEY_PREFIX))).toEqual([]);
    const b = await reload(local, bodies);
    expect(b.store.getState().steps).toHaveLength(SETUP.length + 18000);
    expect(b.store.getState().importError).toBeNull();
  });

  it('quota exceeded: the body goes to IndexedDB; with IndexedDB failing too, a warning says what to do', async () => {
    const local = memoryStorage(2000);
    const bodies = memoryBodyStore();
    const { store, library } = setup(local, bodies);
    store.getState().loadScenario(THREE_WQS);
    await library.flush();
    expect(library.index().docs[0]?.where).toBe('idb');
    expect(library.view.getState().warning).toBeNull();
    bodies.set = () => Promise.reject(new Error('disk full'));
    store.getState().apply(validCommand(VM));
    await library.flush();
    expect(library.view.getState().warning).toMatch(
      /^Autosave failed: .* could not be saved because storage is full, and IndexedDB refused it too \(disk full\)\. Export the scenario/,
    );
    // Once a save works again, the warning goes.
    bodies.set = (k, v) => Promise.resolve(void bodies.data.set(k, v));
    store.getState().apply(validCommand({ op: 'createVm', id: 'vm3', memory: '1GiB' }));
    await library.flush();
    expect(library.view.getState().warning).toBeNull();
  });

  it('two tabs on the same storage keep each other’s documents in the list', async () => {
    const local = memoryStorage();
    const bodies = memoryBodyStore();
    const a = setup(local, bodies);
    const b = setup(local, bodies);
    a.store.getState().apply(validCommand(DEV));
    await a.library.flush();
    b.store.getState().apply(validCommand(VM));
    await b.library.flush();
    a.store.getState().apply(validCommand({ op: 'createVm', id: 'vm5', memory: '1GiB' }));
    await a.library.flush();
    const ids = parseIndex(local.getItem(INDEX_KEY))!
      .docs.map((d) => d.id)
      .sort();
    expect(ids).toEqual([a.store.getState().doc.id, b.store.getState().doc.id].sort());
    // A deletion in one tab is not undone by the other's next save of the merged list.
    a.library.remove(b.store.getState().doc.id);
    expect(parseIndex(local.getItem(INDEX_KEY))!.docs.map((d) => d.id)).toEqual([a.store.getState().doc.id]);
  });

  it('no local storage at all (private mode): a warning from the start', () => {
    const library = createLibrary({
      local: null,
      bodies: null,
      localProblem: 'this browser does not let the page store anything (private mode or storage disabled)',
    });
    library.open();
    expect(library.view.getState().warning).toMatch(
      /^Autosave is off: this browser does not let the page store anything .* Export the scenario/,
    );
  });

  it('random command sequences with a persist/reload in the middle give back the same document', async () => {
    const BIG: Command[] = Array.from({ length: 80 }, (_, i) => ({
      op: 'dma',
      device: 'nic0',
      iova: `0x${(0x100000 + i * 0x1000).toString(16)}`,
      access: 'read',
    }));
    let inIdb = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(storeCommand, { maxLength: 25 }),
        fc.array(storeCommand, { maxLength: 25 }),
        fc.nat(),
        fc.boolean(),
        async (before, after, back, big) => {
          const local = memoryStorage(big ? 3000 : Infinity); // a small quota sends bodies to IndexedDB
          const bodies = memoryBodyStore();
          const a = setup(local, bodies);
          // A big document (80 more DMA steps) does not fit the small quota: its body goes to IndexedDB.
          for (const c of [...SETUP, ...(big ? BIG : []), ...before]) a.store.getState().apply(validCommand(c));
          a.store.getState().goTo(a.store.getState().cursor - (back % 4)); // a redo tail too
          await a.library.flush();
          if (bodies.data.size > 0) inIdb++;
          const b = await reload(local, bodies);
          for (const s of [a.store, b.store]) for (const c of after) s.getState().apply(validCommand(c));
          const [x, y] = [a.store.getState(), b.store.getState()];
          expect(y.steps).toEqual(x.steps);
          expect(y.cursor).toBe(x.cursor);
          expect(y.title).toBe(x.title);
          expect(fingerprint(currentState(y))).toBe(fingerprint(currentState(x)));
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    // The property reached its case: some documents were too big for the quota and went to IndexedDB.
    expect(inIdb).toBeGreaterThan(0);
  });
});
