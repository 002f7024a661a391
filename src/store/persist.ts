/**
 * Local storage: the session (the whole op log including the redo tail, the cursor and the theme)
 * under one versioned key, written on every document or theme change and read once at startup.
 * An older value holding a bare scenario JSON is still read. Storage failures (quota, private
 * mode) are ignored.
 */
import type { AppData, AppStore, Theme } from './createAppStore.ts';
import { toScenarioText } from './scenarioDoc.ts';

export const STORAGE_KEY = 'pasid-atlas:v1';
const SESSION_FORMAT = 'pasid-atlas/session@1';

/** The scenario JSON of what is applied now (the redo tail is not kept): exports and share links. */
export function scenarioTextOf(s: Pick<AppData, 'title' | 'platformInput' | 'steps' | 'cursor'>): string {
  return toScenarioText({ title: s.title, platform: s.platformInput, steps: s.steps.slice(0, s.cursor) });
}

export interface Session {
  /** Scenario JSON with every step, the redo tail included. */
  readonly text: string;
  /** How many steps are applied (Infinity: all). */
  readonly cursor: number;
  readonly theme: Theme | null;
}

/** What local storage keeps: the session envelope. */
export function sessionTextOf(s: Pick<AppData, 'title' | 'platformInput' | 'steps' | 'cursor' | 'theme'>): string {
  const scenario = toScenarioText({ title: s.title, platform: s.platformInput, steps: s.steps });
  return JSON.stringify({ format: SESSION_FORMAT, cursor: s.cursor, theme: s.theme, scenario });
}

/** Read a stored value: a session envelope, or (older saves) a bare scenario. */
export function parseSession(raw: string): Session {
  try {
    const v = JSON.parse(raw) as { format?: unknown; cursor?: unknown; theme?: unknown; scenario?: unknown };
    if (v?.format === SESSION_FORMAT && typeof v.scenario === 'string') {
      const theme = v.theme === 'dark' || v.theme === 'light' ? v.theme : null;
      return { text: v.scenario, cursor: typeof v.cursor === 'number' ? v.cursor : Infinity, theme };
    }
  } catch {
    /* not JSON: let the scenario parser report it */
  }
  return { text: raw, cursor: Infinity, theme: null };
}

export function readStored(storage: Storage | undefined = globalThis.localStorage): string | null {
  try {
    return storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

export function readSession(storage: Storage | undefined = globalThis.localStorage): Session | null {
  const raw = readStored(storage);
  return raw === null ? null : parseSession(raw);
}

export function clearStored(storage: Storage | undefined = globalThis.localStorage): void {
  try {
    storage?.removeItem(STORAGE_KEY);
  } catch {
    /* storage unavailable: nothing to clear */
  }
}

/** Save the session whenever the document, cursor or theme changes; returns the unsubscribe function. */
export function persistTo(store: AppStore, storage: Storage | undefined = globalThis.localStorage): () => void {
  return store.subscribe((s, prev) => {
    if (s.steps === prev.steps && s.cursor === prev.cursor && s.title === prev.title && s.theme === prev.theme) return;
    try {
      storage?.setItem(STORAGE_KEY, sessionTextOf(s));
    } catch {
      /* quota exceeded or storage disabled: the app still works, it just won't restore */
    }
  });
}
