/**
 * Local storage: the scenario JSON (steps up to the cursor) under one versioned key, written on
 * every document change and read once at startup. Storage failures (quota, private mode) are ignored.
 */
import type { AppData, AppStore } from './createAppStore.ts';
import { toScenarioText } from './scenarioDoc.ts';

export const STORAGE_KEY = 'pasid-atlas:v1';

/** The scenario JSON of what is applied now (the redo tail is not kept). */
export function scenarioTextOf(s: Pick<AppData, 'title' | 'platformInput' | 'steps' | 'cursor'>): string {
  return toScenarioText({ title: s.title, platform: s.platformInput, steps: s.steps.slice(0, s.cursor) });
}

export function readStored(storage: Storage | undefined = globalThis.localStorage): string | null {
  try {
    return storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export function clearStored(storage: Storage | undefined = globalThis.localStorage): void {
  try {
    storage?.removeItem(STORAGE_KEY);
  } catch {
    /* storage unavailable: nothing to clear */
  }
}

/** Save the document whenever it changes; returns the unsubscribe function. */
export function persistTo(store: AppStore, storage: Storage | undefined = globalThis.localStorage): () => void {
  return store.subscribe((s, prev) => {
    if (s.steps === prev.steps && s.cursor === prev.cursor && s.title === prev.title) return;
    try {
      storage?.setItem(STORAGE_KEY, scenarioTextOf(s));
    } catch {
      /* quota exceeded or storage disabled: the app still works, it just won't restore */
    }
  });
}
