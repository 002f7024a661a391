/**
 * A mid-sized share link prepared before the app loaded (src/store/load/earlyPrepare.ts): the app
 * takes that document instead of replaying the link again, a refused one is still a broken link in
 * one sentence, and a preparation for another hash, or one that comes after the app looked, is not used.
 */
import { describe, expect, it, vi } from 'vitest';
import { fleetScenario } from '../../bench/fleetScenario.ts';
import { createAppStore } from '../../src/store/createAppStore.ts';
import { createLibrary } from '../../src/store/library.ts';
import { encodeShareHash } from '../../src/store/shareLink.ts';
import { memoryBodyStore } from '../../src/store/storage/idb.ts';
import { memoryStorage } from '../helpers/memoryStorage.ts';

const FLEET = fleetScenario(4);
const HASH = encodeShareHash(FLEET);
const { title, steps } = JSON.parse(FLEET) as { title: string; steps: unknown[] };

/** Fresh copies of the modules that keep the early state (the node tests share one module graph). */
async function freshModules() {
  vi.resetModules();
  const early = await import('../../src/store/load/earlyPrepare.ts');
  const startup = await import('../../src/store/startup.ts');
  return { ...early, ...startup };
}

function library() {
  const lib = createLibrary({ local: memoryStorage(), bodies: memoryBodyStore(), delay: 0 });
  lib.open();
  return lib;
}

describe('a share link prepared early', () => {
  it('is decoded, validated and replayed, and taken once', async () => {
    const m = await freshModules();
    m.prepareShareEarly(HASH);
    const early = await m.takeEarlyPrepared(HASH);
    expect(early?.link).toEqual({ kind: 'ok', text: FLEET });
    expect(early?.prepared?.ok && early.prepared.doc.steps.length).toBe(steps.length);
    expect(await m.takeEarlyPrepared(HASH)).toBeNull();
  });

  it('is waited for when index.html started it and its chunk comes after the app', async () => {
    const m = await freshModules();
    const started = new Promise<void>((resolve) => setTimeout(resolve, 20)).then(() => m.prepareShareEarly(HASH));
    vi.stubGlobal('window', { __atlasEarlyPrepare: started });
    try {
      const early = await m.takeEarlyPrepared(HASH);
      expect(early?.prepared?.ok).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('only decodes a short hash whose text is too long to replay before the app shows', async () => {
    const m = await freshModules();
    const { EARLY_TEXT_CHARS } = await import('../../src/store/load/workerSizes.ts');
    // lz-string packs repetition tightly: a short hash can decode to a long scenario.
    const long = JSON.stringify({ ...JSON.parse(FLEET), description: 'x'.repeat(EARLY_TEXT_CHARS) });
    const hash = encodeShareHash(long);
    expect(hash.length).toBeLessThan(EARLY_TEXT_CHARS / 100);
    m.prepareShareEarly(hash);
    const early = await m.takeEarlyPrepared(hash);
    expect(early).toEqual({ link: { kind: 'ok', text: long }, prepared: null });
  });

  it('is not used for another hash, nor made once the app has looked', async () => {
    const m = await freshModules();
    m.prepareShareEarly(HASH);
    expect(await m.takeEarlyPrepared('#s=other')).toBeNull();
    m.prepareShareEarly(HASH); // too late: the app has looked
    expect(await m.takeEarlyPrepared(HASH)).toBeNull();
  });

  it('opens as the link document', async () => {
    const m = await freshModules();
    m.prepareShareEarly(HASH);
    const store = createAppStore();
    expect(await m.openShareLink(store, library(), HASH)).toBe(true);
    const s = store.getState();
    expect(s.title).toBe(title);
    expect(s.steps).toHaveLength(steps.length);
    expect(s.importError).toBeNull();
  });

  it('loadDocument installs a prepared document without replaying its input again', async () => {
    const { loadDocument, createTaskStore } = await import('../../src/store/load/loadDocument.ts');
    const { prepareDoc } = await import('../../src/store/load/prepare.ts');
    const prepared = prepareDoc(FLEET, Infinity);
    const store = createAppStore();
    // The input says otherwise: only the prepared document may be installed.
    const ok = await loadDocument(store, { input: '{}', source: 'share link', prepared }, createTaskStore());
    expect(ok).toBe(true);
    expect(store.getState().title).toBe(title);
  });

  it('refused, it is a broken link naming the bad field, and nothing is installed', async () => {
    const m = await freshModules();
    const bad = JSON.parse(FLEET) as { steps: { op: string }[] };
    bad.steps[1]!.op = 'teleport';
    const hash = encodeShareHash(JSON.stringify(bad));
    m.prepareShareEarly(hash);
    const store = createAppStore();
    const before = store.getState().steps;
    expect(await m.openShareLink(store, library(), hash)).toBe(false);
    expect(store.getState().importError).toBe('The share link is broken: steps[1].op: unknown op "teleport"');
    expect(store.getState().steps).toBe(before);
  });

  it('a link that does not decode is reported as the app would', async () => {
    const m = await freshModules();
    const hash = '#s=%%%not-lz%%%';
    m.prepareShareEarly(hash);
    const store = createAppStore();
    expect(await m.openShareLink(store, library(), hash)).toBe(false);
    expect(store.getState().importError).toMatch(/^The share link is broken: the data after #s= could not be/);
  });
});
