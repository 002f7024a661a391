/**
 * What the first view needs to know before the app (store, engine, parser) has loaded: whether the
 * visitor has saved work (a returning visitor opens the workbench, a first-time one the landing
 * page) and the theme they chose. It reads the same keys as library.ts's open(), with the same
 * precedence (the index, else the older single session), and writes nothing.
 */
import { INDEX_KEY, LEGACY_KEY, parseDocBody, parseIndex, type StoredTheme } from './storage/layout.ts';

export interface FirstView {
  readonly hasSaved: boolean;
  readonly theme: StoredTheme | null;
}

export function readFirstView(local: Pick<Storage, 'getItem'> | null): FirstView {
  let raw: string | null = null;
  let legacy: string | null = null;
  try {
    raw = local?.getItem(INDEX_KEY) ?? null;
    legacy = local?.getItem(LEGACY_KEY) ?? null;
  } catch {
    /* storage disabled: a first visit */
  }
  const index = parseIndex(raw);
  if (index !== null) return { hasSaved: index.docs.length > 0, theme: index.theme };
  if (legacy !== null) return { hasSaved: true, theme: parseDocBody(legacy).theme };
  return { hasSaved: false, theme: null };
}

/** localStorage, or null where reading it throws (storage disabled). */
export function localOrNull(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
