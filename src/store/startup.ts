/**
 * What the app shows first: a `#s=` share link wins, then local storage, then the three-WQs
 * scenario. A broken link leaves an empty working app and a visible error.
 */
import type { AppStore } from './createAppStore.ts';
import { readSession, readStored } from './persist.ts';
import { BUILTIN_SCENARIOS, DEFAULT_SCENARIO_FILE } from './scenarios.ts';
import { decodeShareHash } from './shareLink.ts';
import { initialRoute, type Route } from '../tours/route.ts';

export function loadInitial(store: AppStore, hash: string, storage: Storage | undefined = globalThis.localStorage): void {
  const s = store.getState();
  const session = readSession(storage);
  if (session?.theme) s.setTheme(session.theme);
  const link = decodeShareHash(hash);
  if (link.kind === 'broken') {
    s.setImportError(`The share link is broken: ${link.message}`);
    return;
  }
  if (link.kind === 'ok') {
    if (!s.loadScenario(link.text, 'share link')) {
      const why = store.getState().importError?.replace(/^The share link was rejected: /, '') ?? '';
      s.setImportError(`The share link is broken: ${why}`);
    }
    return;
  }
  if (session !== null && s.loadScenario(session.text, 'saved scenario')) {
    s.goTo(session.cursor); // the redo tail was saved too
    return;
  }
  const storedError = store.getState().importError;
  const seed = BUILTIN_SCENARIOS.find((b) => b.file === DEFAULT_SCENARIO_FILE) ?? BUILTIN_SCENARIOS[0];
  if (seed) s.loadScenario(seed.value, 'built-in scenario');
  if (storedError !== null) s.setImportError(storedError);
}

/**
 * The first view (see src/tours/route.ts): what the hash names; otherwise a returning visitor (a
 * saved workbench state in local storage) goes straight to the workbench, a first-time visitor to
 * the landing page with the tours. Call before anything writes the store to storage.
 */
export function startupRoute(hash: string, storage: Storage | undefined = globalThis.localStorage): Route {
  return initialRoute(hash, readStored(storage) !== null);
}
