/**
 * The documents kept in the browser (layout in storage/layout.ts, docs/storage.md): autosave of the
 * document the app store holds, the list of recent documents, and a visible warning whenever a
 * save fails (quota, private mode, storage disabled). A save that does not fit localStorage goes to
 * IndexedDB; nothing is ever dropped without the warning saying so.
 */
import { createStore } from 'zustand/vanilla';
import type { AppState, AppStore } from './createAppStore.ts';
import { createTaskStore } from './load/loadDocument.ts';
import { toScenario } from './scenarioDoc.ts';
import { storedGroups } from './stepGroups.ts';
import type { BodyStore } from './storage/idb.ts';
import {
  DOC_KEY_PREFIX,
  EMPTY_INDEX,
  INDEX_KEY,
  LEGACY_KEY,
  LOCAL_LIMIT,
  docBodyText,
  indexText,
  parseDocBody,
  parseIndex,
  savedWorkEntry,
  startupEntry,
  stepCountOf,
  titleOf,
  withEntry,
  type DocEntry,
  type Index,
  type StoredDoc,
  type Where,
} from './storage/layout.ts';

/** What the header shows: the kept documents and why saving fails, if it does. */
export interface LibraryView {
  readonly docs: readonly DocEntry[];
  /** One or two sentences: what failed and what to do. Null while saving works. */
  readonly warning: string | null;
  /** The document shown (its id), so lists can mark it. */
  readonly current: string | null;
}

export interface LibraryOptions {
  /** localStorage, or null when the browser refuses it (private mode, storage disabled). */
  readonly local: Storage | null;
  /** IndexedDB (or a stand-in), or null when there is none. */
  readonly bodies: BodyStore | null;
  /** Why `local` is null, for the warning. */
  readonly localProblem?: string;
  readonly now?: () => number;
  /** Autosave delay after the last change (ms). */
  readonly delay?: number;
}

const WARN_EXPORT = 'Export the scenario (Export → Scenario file) to keep it';

/** localStorage, or why it cannot be used (reading `localStorage` itself throws when storage is disabled). */
export function browserLocalStorage(): { local: Storage | null; problem?: string } {
  try {
    const s = globalThis.localStorage;
    if (s === undefined) return { local: null, problem: 'this browser has no local storage' };
    return { local: s };
  } catch {
    return {
      local: null,
      problem: 'this browser does not let the page store anything (private mode or storage disabled)',
    };
  }
}

function quotaLike(e: unknown): boolean {
  return (
    e instanceof Error &&
    (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED' || /quota/i.test(e.message))
  );
}

export type Library = ReturnType<typeof createLibrary>;

export function createLibrary(options: LibraryOptions) {
  const { local, bodies } = options;
  const now = options.now ?? Date.now;
  const delay = options.delay ?? 300;
  let index: Index = EMPTY_INDEX;
  const view = createStore<LibraryView>()(() => ({ docs: [], warning: null, current: null }));
  /** What was last written or read per document id (by identity), so unchanged documents are not rewritten. */
  const written = new Map<string, { steps: unknown; cursor: number; title: string; origin: string }>();
  let queue: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let app: AppStore | null = null;

  const warn = (warning: string | null) => {
    if (view.getState().warning !== warning) view.setState({ warning });
  };
  const publish = () => view.setState({ docs: index.docs, current: index.current });

  /** Ids this tab deleted or evicted: another tab's copy of the index must not bring them back. */
  const gone = new Set<string>();

  /**
   * Another tab may have added documents since this one read the index: keep them (the newest
   * copy of each entry wins), so two open tabs never drop each other's work from the list.
   */
  function mergedWithStored(next: Index): Index {
    let stored: Index | null;
    try {
      stored = parseIndex(local?.getItem(INDEX_KEY) ?? null);
    } catch {
      stored = null;
    }
    if (stored === null) return next;
    const mine = new Map(next.docs.map((d) => [d.id, d]));
    const extra = stored.docs.filter((d) => !gone.has(d.id) && (mine.get(d.id)?.modified ?? -1) < d.modified);
    if (extra.length === 0) return next;
    for (const d of extra) mine.set(d.id, d);
    return { ...next, docs: [...mine.values()].sort((a, b) => b.modified - a.modified) };
  }

  function writeIndex(proposed: Index): boolean {
    const next = mergedWithStored(proposed);
    index = next;
    publish();
    if (local === null) return false;
    try {
      local.setItem(INDEX_KEY, indexText(next));
      return true;
    } catch (e) {
      warn(
        `Autosave failed: the list of saved documents could not be written (${quotaLike(e) ? 'storage is full' : 'storage refused it'}). ${WARN_EXPORT}, or free space by deleting old documents in the Documents menu.`,
      );
      return false;
    }
  }

  /** Read the index, migrating the older single session (pasid-atlas:v1) into it on first start. */
  function open(): Index {
    if (local === null) {
      warn(
        `Autosave is off: ${options.localProblem ?? 'local storage is not available'}, so your work lasts only while this tab is open. ${WARN_EXPORT}.`,
      );
      return index;
    }
    let raw: string | null = null;
    let legacy: string | null = null;
    try {
      raw = local.getItem(INDEX_KEY);
      legacy = local.getItem(LEGACY_KEY);
    } catch {
      /* treated as empty */
    }
    const parsed = parseIndex(raw);
    if (parsed !== null) index = parsed;
    else if (legacy !== null) {
      // Migration: the old session becomes a document read in place; its next save moves it to its own key.
      const old = parseDocBody(legacy);
      const entry: DocEntry = {
        id: 'legacy',
        name: titleOf(old.scenario, 'Saved session'),
        modified: now(),
        steps: stepCountOf(old.scenario),
        cursor: Number.isFinite(old.cursor) ? old.cursor : stepCountOf(old.scenario),
        origin: 'user',
        where: 'legacy',
      };
      writeIndex({ theme: old.theme, current: entry.id, docs: [entry] });
    }
    publish();
    return index;
  }

  function removeBody(entry: DocEntry): void {
    try {
      if (entry.where === 'local') local?.removeItem(DOC_KEY_PREFIX + entry.id);
      if (entry.where === 'legacy') local?.removeItem(LEGACY_KEY);
    } catch {
      /* nothing to free */
    }
    if (entry.where === 'idb') void bodies?.delete(entry.id).catch(() => undefined);
  }

  /** Write the store's document now (queued behind earlier writes). */
  async function save(s: AppState): Promise<void> {
    const { id, origin } = s.doc;
    const mark = { steps: s.steps, cursor: s.cursor, title: s.title, origin };
    const last = written.get(id);
    if (
      last !== undefined &&
      last.steps === mark.steps &&
      last.cursor === mark.cursor &&
      last.title === mark.title &&
      last.origin === mark.origin
    ) {
      if (index.current !== id) writeIndex({ ...index, current: id });
      return;
    }
    const previous = index.docs.find((d) => d.id === id);
    // A new empty document (startup, Reset) is not worth a slot, nor one a link opened (the tour,
    // share link or seed the link names) until the user edits it: the kept ones stay as they are.
    if (previous === undefined && (s.steps.length === 0 || origin === 'link')) return;
    const body = docBodyText(
      toScenario({ title: s.title, platform: s.platformInput, steps: s.steps }),
      s.cursor,
      storedGroups(s.groups, s.steps),
    );
    let where: Where | null = null;
    let why = 'storage refused it';
    if (local !== null && body.length <= LOCAL_LIMIT) {
      try {
        local.setItem(DOC_KEY_PREFIX + id, body);
        where = 'local';
      } catch (e) {
        why = quotaLike(e) ? 'storage is full' : why;
      }
    } else if (body.length > LOCAL_LIMIT) why = 'the document is too big for local storage';
    if (where === null && bodies !== null) {
      try {
        await bodies.set(id, body);
        where = 'idb';
        if (previous?.where === 'local') removeBody(previous);
      } catch (e) {
        why = `${why}, and IndexedDB refused it too (${e instanceof Error ? e.message : String(e)})`;
      }
    }
    if (where === null) {
      warn(
        `Autosave failed: “${s.title}” (${s.steps.length.toLocaleString('en-US')} steps) could not be saved because ${why}. ${WARN_EXPORT}, or free space by deleting old documents in the Documents menu.`,
      );
      return;
    }
    if (previous !== undefined && previous.where !== where) removeBody(previous);
    written.set(id, mark);
    const entry: DocEntry = {
      id,
      name: s.title,
      modified: now(),
      steps: s.steps.length,
      cursor: s.cursor,
      origin,
      where,
    };
    const { docs, dropped } = withEntry(index.docs, entry, id);
    for (const d of dropped) {
      gone.add(d.id);
      removeBody(d);
    }
    if (writeIndex({ ...index, current: id, docs })) warn(null);
  }

  function schedule(): void {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void flush();
    }, delay);
  }

  /** Write any pending change now; resolves when every queued write has finished. */
  function flush(): Promise<void> {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    if (app !== null) {
      const s = app.getState();
      queue = queue.then(() => save(s)).catch(() => undefined);
    }
    return queue;
  }

  return {
    view,
    /** The running load (progress, Cancel), if any. */
    tasks: createTaskStore(),
    open,
    /** The index as read or last written. */
    index: () => index,
    /** Whether anything is saved (a returning visitor). */
    hasSaved: () => index.docs.length > 0,
    startupEntry: () => startupEntry(index),
    savedWork: (shownId: string) => savedWorkEntry(index, shownId),

    /** Read a document's body (null when it is gone); IndexedDB bodies are read asynchronously. */
    async read(entry: DocEntry): Promise<StoredDoc | null> {
      let raw: string | null | undefined;
      try {
        if (entry.where === 'local') raw = local?.getItem(DOC_KEY_PREFIX + entry.id);
        else if (entry.where === 'legacy') raw = local?.getItem(LEGACY_KEY);
        else raw = await bodies?.get(entry.id);
      } catch {
        raw = null;
      }
      return raw === null || raw === undefined ? null : parseDocBody(raw);
    },

    /** Note that the store now holds this stored document unchanged (no rewrite needed). */
    markLoaded(s: Pick<AppState, 'doc' | 'steps' | 'cursor' | 'title'>): void {
      written.set(s.doc.id, { steps: s.steps, cursor: s.cursor, title: s.title, origin: s.doc.origin });
    },

    /** Delete a kept document (never the one shown). */
    remove(id: string): void {
      const entry = index.docs.find((d) => d.id === id);
      if (entry === undefined || id === app?.getState().doc.id) return;
      removeBody(entry);
      gone.add(id);
      written.delete(id);
      writeIndex({ ...index, docs: index.docs.filter((d) => d.id !== id) });
    },

    /** Autosave the store's document and theme from now on; returns the unsubscribe function. */
    attach(store: AppStore): () => void {
      app = store;
      const unsubscribe = store.subscribe((s, prev) => {
        if (s.theme !== prev.theme && index.theme !== s.theme) writeIndex({ ...index, theme: s.theme });
        if (s.steps === prev.steps && s.cursor === prev.cursor && s.title === prev.title && s.doc === prev.doc) return;
        if (s.doc.id !== prev.doc.id) {
          // A different document: write the previous one's last change before switching.
          queue = queue.then(() => save(prev)).catch(() => undefined);
        }
        schedule();
      });
      const onHide = () => void flush();
      // Another tab saved: show its documents in this tab's list too.
      const onStorage = (e: StorageEvent) => {
        if (e.key === INDEX_KEY) {
          index = mergedWithStored(index);
          publish();
        }
      };
      globalThis.addEventListener?.('pagehide', onHide);
      globalThis.addEventListener?.('storage', onStorage);
      return () => {
        unsubscribe();
        globalThis.removeEventListener?.('pagehide', onHide);
        globalThis.removeEventListener?.('storage', onStorage);
        app = null;
      };
    },
    flush,
  };
}
