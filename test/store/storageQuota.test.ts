/**
 * Saved work is never lost under a small storage quota: every document once saved without a warning
 * reads back at that save (or a later clean one), across edits, undo, Reset and reloads, with and without
 * IndexedDB. A save that fails must say so (the warning); the property checks that silence means kept.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validCommand, type Command } from '../../src/engine/index.ts';
import { createAppStore, type AppStore } from '../../src/store/createAppStore.ts';
import { createLibrary, type Library } from '../../src/store/library.ts';
import { memoryBodyStore } from '../../src/store/storage/idb.ts';
import { loadInitial } from '../../src/store/startup.ts';
import { memoryStorage } from '../helpers/memoryStorage.ts';
import { RUNS, SEED, SETUP, storeCommand } from '../helpers/storeCommands.ts';

type Round = { kind: 'edit'; commands: Command[] } | { kind: 'reset' } | { kind: 'reload' } | { kind: 'undo' };

const round: fc.Arbitrary<Round> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), commands: fc.array(storeCommand, { minLength: 1, maxLength: 6 }) }),
  fc.constant({ kind: 'reset' as const }),
  fc.constant({ kind: 'reload' as const }),
  fc.constant({ kind: 'undo' as const }),
);

function open(
  local: Storage,
  bodies: ReturnType<typeof memoryBodyStore> | null,
): { library: Library; store: AppStore } {
  const library = createLibrary({ local, bodies, delay: 0 });
  library.open();
  const store = createAppStore();
  library.attach(store);
  return { library, store };
}

async function savedStepCount(library: Library, id: string): Promise<number | null> {
  const entry = library.index().docs.find((d) => d.id === id);
  const body = entry === undefined ? null : await library.read(entry);
  const scenario = body?.scenario as { steps?: unknown[] } | undefined;
  return scenario?.steps?.length ?? null;
}

describe('autosave under a small quota', () => {
  it('a document saved without a warning always reads back as saved', async () => {
    let warned = 0;
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 200, max: 4000 }),
        fc.boolean(),
        fc.array(round, { maxLength: 8 }),
        async (quota, withIdb, rounds) => {
          const local = memoryStorage(quota);
          const bodies = withIdb ? memoryBodyStore() : null;
          let { library, store } = open(local, bodies);
          for (const c of SETUP) store.getState().apply(validCommand(c));
          const clean = new Map<string, number>();
          for (const r of rounds) {
            if (r.kind === 'edit') for (const c of r.commands) store.getState().apply(validCommand(c));
            if (r.kind === 'undo') store.getState().undo();
            if (r.kind === 'reset') store.getState().reset();
            if (r.kind === 'reload') {
              await library.flush();
              ({ library, store } = open(local, bodies));
              await loadInitial(store, '', library);
            }
            await library.flush();
            const s = store.getState();
            if (library.view.getState().warning !== null) warned++;
            else if (s.steps.length > 0 && s.doc.origin === 'user') clean.set(s.doc.id, s.steps.length);
            for (const [id, steps] of clean) {
              checked++;
              expect({ quota, withIdb, id, steps: await savedStepCount(library, id) }).toEqual({
                quota,
                withIdb,
                id,
                steps,
              });
            }
          }
        },
      ),
      { seed: SEED, numRuns: RUNS * 4 },
    );
    // The property reached both of its cases: saves that failed (and said so) and documents read back.
    expect(warned).toBeGreaterThan(0);
    expect(checked).toBeGreaterThan(0);
  }, 60_000);
});
