/** Cancelling a big share link's loading is not a broken link: a notice says so and saved work is shown. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../src/store/createAppStore.ts';
import { createLibrary } from '../../src/store/library.ts';
import { memoryBodyStore } from '../../src/store/storage/idb.ts';
import { encodeShareHash } from '../../src/store/shareLink.ts';
import { loadInitial } from '../../src/store/startup.ts';
import { WORKER_CHARS } from '../../src/store/load/loadDocument.ts';
import { memoryStorage } from '../helpers/memoryStorage.ts';

/** A worker that takes the request and never answers (the user cancels first). */
class SilentWorker {
  postMessage(): void {}
  addEventListener(): void {}
  removeEventListener(): void {}
  terminate(): void {}
}

function bigScenarioText(): string {
  const steps: object[] = [{ op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev' }];
  while (JSON.stringify(steps).length <= WORKER_CHARS)
    steps.push({ op: 'dma', device: 'nic0', iova: `0x${(steps.length * 0x1000).toString(16)}`, access: 'read' });
  return JSON.stringify({ format: 'pasid-atlas/scenario@1', title: 'Big link', steps });
}

afterEach(() => vi.unstubAllGlobals());

describe('cancelling a share link at startup', () => {
  it('shows the built-in scenario with a notice, not a broken-link error', async () => {
    vi.stubGlobal('Worker', SilentWorker);
    const library = createLibrary({ local: memoryStorage(), bodies: memoryBodyStore(), delay: 0 });
    library.open();
    const store = createAppStore();
    const loading = loadInitial(store, encodeShareHash(bigScenarioText()), library);
    await vi.waitFor(() => expect(library.tasks.getState().task?.label).toBe('Opening the share link'));
    library.tasks.getState().task?.cancel();
    await loading;
    const s = store.getState();
    expect(s.importError).toBeNull();
    expect(s.notice?.text).toBe('Opening the share link was cancelled; the built-in scenario is shown instead.');
    expect(s.steps.length).toBeGreaterThan(0);
  });
});
