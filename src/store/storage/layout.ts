/**
 * The storage layout (docs/storage.md): a small index in localStorage naming every kept document,
 * each document's body under its own key, or in IndexedDB when it is too big for localStorage.
 *
 *   pasid-atlas:index        {"format":"pasid-atlas/index@2","theme":…,"current":id,"docs":[entry…]}
 *   pasid-atlas:doc:<id>     {"format":"pasid-atlas/document@2","cursor":N,"scenario":{…scenario@1…}}
 *   IndexedDB pasid-atlas / documents / <id>   the same body, when over LOCAL_LIMIT or localStorage is full
 *   pasid-atlas:v1           the older single session (read in place until the document is next saved)
 */
import { SCENARIO_FORMAT } from '../../engine/scenario/format.ts';
import type { DocOrigin } from '../docMeta.ts';
import type { StoredGroup } from '../stepGroups.ts';

export const INDEX_KEY = 'pasid-atlas:index';
export const DOC_KEY_PREFIX = 'pasid-atlas:doc:';
export const LEGACY_KEY = 'pasid-atlas:v1';
export const INDEX_FORMAT = 'pasid-atlas/index@2';
export const DOC_FORMAT = 'pasid-atlas/document@2';
const LEGACY_SESSION_PREFIX = 'pasid-atlas/session@';
/** Bodies longer than this (UTF-16 code units, about 2 MB) go to IndexedDB: localStorage quotas are ~5 MB in all. */
export const LOCAL_LIMIT = 1_000_000;
/** How many documents are kept (unedited link documents are dropped first, then the oldest). */
export const MAX_DOCS = 10;

export type Where = 'local' | 'idb' | 'legacy';
export type StoredTheme = 'light' | 'dark';

export interface DocEntry {
  readonly id: string;
  readonly name: string;
  /** Last change, ms since the epoch. */
  readonly modified: number;
  readonly steps: number;
  readonly cursor: number;
  readonly origin: DocOrigin;
  readonly where: Where;
}

export interface Index {
  readonly theme: StoredTheme | null;
  /** The document shown last. */
  readonly current: string | null;
  /** Most recently changed first. */
  readonly docs: readonly DocEntry[];
}

export const EMPTY_INDEX: Index = { theme: null, current: null, docs: [] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const themeOf = (v: unknown): StoredTheme | null => (v === 'dark' || v === 'light' ? v : null);
const count = (v: unknown): number => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : 0);

function entryOf(v: unknown): DocEntry | null {
  if (!isRecord(v) || typeof v['id'] !== 'string' || v['id'] === '') return null;
  const where = v['where'] === 'idb' || v['where'] === 'legacy' ? v['where'] : 'local';
  return {
    id: v['id'],
    name: typeof v['name'] === 'string' ? v['name'] : 'Untitled scenario',
    modified: count(v['modified']),
    steps: count(v['steps']),
    cursor: count(v['cursor']),
    origin: v['origin'] === 'link' ? 'link' : 'user',
    where,
  };
}

/** Read the index leniently: a damaged entry is dropped, never the whole index. Null: no index stored. */
export function parseIndex(raw: string | null): Index | null {
  if (raw === null) return null;
  try {
    const v: unknown = JSON.parse(raw);
    if (!isRecord(v) || v['format'] !== INDEX_FORMAT) return null;
    const docs = Array.isArray(v['docs']) ? v['docs'].map(entryOf).filter((e): e is DocEntry => e !== null) : [];
    const current = typeof v['current'] === 'string' && docs.some((d) => d.id === v['current']) ? v['current'] : null;
    return { theme: themeOf(v['theme']), current, docs };
  } catch {
    return null;
  }
}

export function indexText(index: Index): string {
  return JSON.stringify({ format: INDEX_FORMAT, theme: index.theme, current: index.current, docs: index.docs });
}

/** What a body holds: the scenario (a parsed JSON value or, for damaged old saves, raw text) and the cursor. */
export interface StoredDoc {
  readonly scenario: unknown;
  readonly cursor: number;
  readonly theme: StoredTheme | null;
  /** Recipes that undo as one (absent in older bodies). */
  readonly groups: readonly StoredGroup[];
}

/** A document body (the scenario with the redo tail, the cursor, and the recipes that undo as one). */
export function docBodyText(scenario: object, cursor: number, groups: readonly StoredGroup[] = []): string {
  return JSON.stringify({ format: DOC_FORMAT, cursor, scenario, ...(groups.length > 0 ? { groups } : {}) });
}

/** Read stored groups leniently: a malformed one is dropped (the steps are what matters). */
function groupsOf(v: unknown): StoredGroup[] {
  if (!Array.isArray(v)) return [];
  const ok = (g: unknown): g is StoredGroup =>
    isRecord(g) &&
    Number.isSafeInteger(g['start']) &&
    Number.isSafeInteger(g['length']) &&
    typeof g['label'] === 'string' &&
    (g['start'] as number) >= 0;
  return v.filter(ok).map((g) => ({ start: g.start, length: g.length, label: g.label }));
}

/**
 * Read a body: ours, an older session envelope (`pasid-atlas/session@1`, its scenario as text or
 * as an object), or a bare scenario (the oldest saves). Whatever it is, the scenario goes to the
 * scenario parser, so a damaged one is reported for what it is, not as a wrong format.
 */
export function parseDocBody(raw: string): StoredDoc {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return { scenario: raw, cursor: Infinity, theme: null, groups: [] };
  }
  if (!isRecord(v)) return { scenario: v, cursor: Infinity, theme: null, groups: [] };
  const format = v['format'];
  const envelope =
    format === DOC_FORMAT ||
    (typeof format === 'string' && format.startsWith(LEGACY_SESSION_PREFIX)) ||
    ('scenario' in v && !('steps' in v));
  if (!envelope) return { scenario: v, cursor: Infinity, theme: null, groups: [] };
  let scenario = v['scenario'];
  if (typeof scenario === 'string') {
    try {
      scenario = JSON.parse(scenario);
    } catch {
      /* keep the text: the parser names what is wrong with it */
    }
  }
  // An envelope whose scenario lost its format tag is still a scenario.
  if (isRecord(scenario) && scenario['format'] === undefined && Array.isArray(scenario['steps']))
    scenario = { format: SCENARIO_FORMAT, ...scenario };
  const cursor = typeof v['cursor'] === 'number' && v['cursor'] >= 0 ? v['cursor'] : Infinity;
  return { scenario, cursor, theme: themeOf(v['theme']), groups: groupsOf(v['groups']) };
}

/** A short name for a scenario value (its title). */
export function titleOf(scenario: unknown, fallback: string): string {
  return isRecord(scenario) && typeof scenario['title'] === 'string' && scenario['title'] !== ''
    ? scenario['title']
    : fallback;
}

export function stepCountOf(scenario: unknown): number {
  return isRecord(scenario) && Array.isArray(scenario['steps']) ? scenario['steps'].length : 0;
}

/**
 * Put `entry` first and keep at most MAX_DOCS: unedited link documents and empty ones go first
 * (oldest first), then the oldest of the user's own. Never drops `keep` (the shown document).
 * Returns the new list and the entries dropped (their bodies must be deleted).
 */
export function withEntry(
  docs: readonly DocEntry[],
  entry: DocEntry,
  keep: string | null,
): { docs: DocEntry[]; dropped: DocEntry[] } {
  const list = [entry, ...docs.filter((d) => d.id !== entry.id)];
  const dropped: DocEntry[] = [];
  const disposable = (d: DocEntry) => d.origin === 'link' || d.steps === 0;
  for (const pass of [disposable, () => true]) {
    for (let i = list.length - 1; i >= 0 && list.length > MAX_DOCS; i--) {
      const d = list[i]!;
      if (d.id !== keep && d.id !== entry.id && pass(d)) dropped.push(...list.splice(i, 1));
    }
  }
  return { docs: list, dropped };
}

/** The document a plain start (no link) reopens: the user's most recent work, else the one shown last. */
export function startupEntry(index: Index): DocEntry | null {
  const current = index.docs.find((d) => d.id === index.current) ?? null;
  if (current?.origin === 'user') return current;
  return index.docs.find((d) => d.origin === 'user') ?? current ?? index.docs[0] ?? null;
}

/** The user's saved work other than `shownId` (the way back after a link opened its own document). */
export function savedWorkEntry(index: Index, shownId: string): DocEntry | null {
  return index.docs.find((d) => d.origin === 'user' && d.id !== shownId && d.steps > 0) ?? null;
}
