/**
 * What the app shows first. A `#s=` share link opens in its own document (the saved work stays in
 * storage, one click away); otherwise the user's most recent saved document; otherwise the
 * three-WQs scenario. A broken link shows the saved work and says what was wrong with the link.
 */
import type { AppStore } from './createAppStore.ts';
import type { Library } from './library.ts';
import { parseScenarioText } from '../engine/index.ts';
import { takeEarlyPrepared } from './load/earlyPrepare.ts';
import { takeEarlyShareLoad } from './load/earlyShare.ts';
import { loadDocument, WORKER_CHARS } from './load/loadDocument.ts';
import { SEED_SCENARIO } from './scenarioList.ts';
import { decodeShareHash } from './shareLink.ts';
import type { DocEntry } from './storage/layout.ts';
import { initialRoute, type Route } from '../tours/route.ts';

/** Reopen a kept document (its own id: later saves update it). Resolves false when it could not be read. */
export async function openStored(
  store: AppStore,
  library: Library,
  entry: DocEntry,
  announce: boolean,
): Promise<boolean> {
  const body = await library.read(entry);
  if (body === null) {
    store.getState().setImportError(`The saved document “${entry.name}” could not be read from storage.`);
    return false;
  }
  const ok = await loadDocument(
    store,
    {
      input: body.scenario,
      cursor: body.cursor,
      source: `saved document “${entry.name}”`,
      options: { doc: { id: entry.id, origin: entry.origin }, announce, groups: body.groups },
    },
    library.tasks,
  );
  if (ok) library.markLoaded(store.getState());
  return ok;
}

/**
 * Open a share link in its own document; false (with importError set) when it is broken. A big
 * link may already be replaying in the share worker, started before the app loaded
 * (load/earlyShare.ts): that worker does not validate, so the link is checked here meanwhile.
 */
export async function openShareLink(store: AppStore, library: Library, hash: string): Promise<boolean> {
  const early = await takeEarlyPrepared(hash);
  const job = takeEarlyShareLoad(hash);
  const broken = (why: string) => {
    job?.cancel();
    store.getState().setImportError(`The share link is broken: ${why}`);
    return false;
  };
  const link = early?.link ?? decodeShareHash(hash);
  if (link.kind === 'none') return false;
  if (link.kind === 'broken') return broken(`${link.message}.`);
  if (early?.prepared) {
    // Decoded, validated and replayed before the app had loaded (load/earlyPrepare.ts).
    const ok = await loadDocument(
      store,
      { input: link.text, source: 'share link', options: { origin: 'link' }, prepared: early.prepared },
      library.tasks,
    );
    return ok || reportRefusal(store);
  }
  if (job !== null) {
    const checked = parseScenarioText(link.text);
    if (!checked.ok) return broken(checked.message);
  }
  // The worker is kept when it is replaying or done by now, or the link is too big for the page to
  // replay. On a busy machine it may not even have started (its thread and script come late): then
  // the page replays the link itself, at once.
  const keep = job !== null && (job.settled() || job.progress() !== null || link.text.length > WORKER_CHARS);
  if (!keep) job?.cancel();
  const ok = await loadDocument(
    store,
    { input: link.text, source: 'share link', options: { origin: 'link' }, ...(keep ? { job } : {}) },
    library.tasks,
  );
  return ok || reportRefusal(store);
}

/** A share link that was refused is broken: say why. Cancelled: the notice already says so, and nothing is broken. */
function reportRefusal(store: AppStore): false {
  const refusal = store.getState().importError;
  if (refusal !== null)
    store
      .getState()
      .setImportError(`The share link is broken: ${refusal.replace(/^The share link was rejected: /, '')}`);
  return false;
}

function loadSeed(store: AppStore): void {
  // The seed is not the user's work until they edit it (a later start prefers their own documents).
  store.getState().loadScenario(SEED_SCENARIO, 'built-in scenario', { origin: 'link', announce: false });
}

/** Fill the store at startup (call library.open() first). Resolves when the first document is shown. */
export async function loadInitial(store: AppStore, hash: string, library: Library): Promise<void> {
  // Marks for bench/ui.bench.ts: when reading the first document started and when it was installed.
  performance.mark('atlas:doc-start');
  await loadFirst(store, hash, library);
  performance.mark('atlas:doc-ready');
}

async function loadFirst(store: AppStore, hash: string, library: Library): Promise<void> {
  const theme = library.index().theme;
  if (theme !== null) store.getState().setTheme(theme);
  if (hash.startsWith('#s=')) {
    if (await openShareLink(store, library, hash)) return;
    const problem = store.getState().importError;
    await openSavedOrSeed(store, library);
    const shown =
      library.startupEntry() !== null ? 'your saved work is shown instead' : 'the built-in scenario is shown instead';
    if (problem === null) {
      // The user cancelled the link's loading: nothing is broken.
      store.getState().setNotice(`Opening the share link was cancelled; ${shown}.`);
      return;
    }
    store.getState().setImportError(`${problem.replace(/\.$/, '')}; ${shown}.`);
    return;
  }
  await openSavedOrSeed(store, library);
}

async function openSavedOrSeed(store: AppStore, library: Library): Promise<void> {
  const entry = library.startupEntry();
  if (entry !== null) {
    if (await openStored(store, library, entry, false)) return;
    const why = store.getState().importError?.replace(/^The saved document “.*?” (was rejected: )?/, '') ?? '';
    loadSeed(store);
    store
      .getState()
      .setImportError(
        `Your saved document “${entry.name}” could not be opened (${why.replace(/\.$/, '')}); it is still kept in storage, and the built-in scenario is shown.`,
      );
    return;
  }
  loadSeed(store);
}

/** A `#s=` link pasted into the address bar of an open tab loads without a reload (into its own document). */
export function listenForShareLinks(
  store: AppStore,
  library: Library,
  target: Pick<Window, 'addEventListener' | 'removeEventListener' | 'location'> = window,
): () => void {
  const onHash = () => {
    if (target.location.hash.startsWith('#s=')) void openShareLink(store, library, target.location.hash);
  };
  target.addEventListener('hashchange', onHash);
  return () => target.removeEventListener('hashchange', onHash);
}

/**
 * The first view (see src/tours/route.ts): what the hash names; otherwise a returning visitor (a
 * saved document) goes straight to the workbench, a first-time visitor to the landing page.
 */
export function startupRoute(hash: string, library: Library): Route {
  return initialRoute(hash, library.hasSaved());
}
