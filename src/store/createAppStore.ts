/**
 * The app store: a zustand/vanilla factory. The document is the op log (`steps`); `cursor` says
 * how many of them are applied, so undo/redo only move the cursor and a new command truncates
 * the redo tail. Engine states are kept as checkpoints plus the cursor's state (history.ts) and
 * rebuilt on demand, so memory follows the work rather than the length of the log. Every load opens
 * its own document (`doc`: a fresh id), so autosave never writes a link over saved work.
 * View-only changes (selection, theme, tab) never touch the log or the redo tail.
 */
import { createStore } from 'zustand/vanilla';
import {
  applyCommand,
  initialState,
  parseScenarioText,
  parseScenarioValue,
  resolvePlatform,
  type ValidCommand,
  type EngineState,
  type OpName,
  type ParseOutcome,
  type Platform,
  type Step,
  lineOf,
  type DmaResult,
} from '../engine/index.ts';
import { newDocMeta, type DocMeta, type DocOrigin } from './docMeta.ts';
import { replayScenario, type PreparedDoc } from './load/replayScenario.ts';
import {
  compactLine,
  dmaResultAt,
  emptyHistory,
  lastDmaIndex,
  moveCursor,
  pushState,
  stateAt,
  type History,
  type KeptLine,
} from './history.ts';
import type { PlatformInput } from './scenarioDoc.ts';
import {
  dryRun,
  groupErrorMessage,
  redoTarget,
  revivedGroups,
  undoTarget,
  withGroup,
  type StepGroup,
  type StoredGroup,
} from './stepGroups.ts';

export type Theme = 'light' | 'dark';
export type BottomTab = 'walk' | 'tables' | 'log' | 'timeline';

export type DmaRequest = {
  device: string;
  pasid?: number | undefined;
  iova: string;
  access: 'read' | 'write';
};
export interface LastDma {
  readonly request: DmaRequest;
  readonly result: DmaResult;
}
export interface LastError {
  readonly code: string;
  readonly message: string;
  readonly op: string;
}

export interface AppData {
  readonly title: string;
  readonly platformInput: PlatformInput | undefined;
  readonly platform: Platform;
  readonly steps: readonly Step[];
  /** One outcome line per step (ok + result, or the error of a step a loaded file carried). */
  readonly lines: readonly KeptLine[];
  readonly cursor: number;
  /** Checkpoints and the cursor's state (read states with currentState / stateAtStep). */
  readonly history: History;
  /** Which stored document this is (id, name, whether the user worked on it or a link opened it). */
  readonly doc: DocMeta;
  /** A load, reset or switch just happened: a status line offering Undo (cleared by the next step). */
  readonly notice: Notice | null;
  readonly lastError: LastError | null;
  /** A problem with an imported file or share link; the current document was kept. */
  readonly importError: string | null;
  readonly selection: string | null;
  /** Focus mode (view state): the graph dims what is not on the selection's paths (engine/inspect/paths.ts). */
  readonly focusMode: boolean;
  readonly lastDma: LastDma | null;
  readonly theme: Theme;
  readonly tab: BottomTab;
  /** The action form shown in the left panel (view state: a context-menu pick prefills it). */
  readonly form: FormRequest;
  /**
   * The document a load replaced (Undo right after a load brings it back) and the one an undone
   * load replaced (Redo). Cleared by any step, so step undo/redo keep their usual meaning.
   */
  readonly replacedDoc: DocSnapshot | null;
  readonly undoneDoc: DocSnapshot | null;
  /** Graph node positions the user dragged (view state, by node id; layout units). */
  readonly positions: Readonly<Record<string, NodePosition>>;
  /** Recipes applied as several steps that undo/redo as one (store metadata, see stepGroups.ts). */
  readonly groups: readonly StepGroup[];
}

/** A whole document with its cursor (engine states are shared, not copied). */
export type DocSnapshot = Pick<
  AppData,
  'title' | 'platformInput' | 'platform' | 'steps' | 'lines' | 'history' | 'cursor' | 'lastDma' | 'doc'
>;

function snapshotOf(s: AppData): DocSnapshot {
  const { title, platformInput, platform, steps, lines, history, cursor, lastDma, doc } = s;
  return { title, platformInput, platform, steps, lines, history, cursor, lastDma, doc };
}

/** The status line after a load, reset or document switch; `undo` says whether Undo brings the previous one back. */
export interface Notice {
  readonly text: string;
  readonly undo: boolean;
  /** Bumped on every notice so a repeated text is announced again. */
  readonly id: number;
}

/** A document already parsed and replayed (by loadScenario, or by the loader worker). */
export type { PreparedDoc } from './load/replayScenario.ts';

export interface LoadOptions {
  /** 'link' for tours, share and exercise links: the document is not the user's work until edited. */
  readonly origin?: DocOrigin;
  /** Reopen a stored document under its own id instead of making a new one. */
  readonly doc?: DocMeta;
  /** Say so on screen (a status line with Undo); default true. */
  readonly announce?: boolean;
  /** Recipes that undo as one, as a kept document stored them (by position). */
  readonly groups?: readonly StoredGroup[];
}

export interface NodePosition {
  readonly x: number;
  readonly y: number;
  /** The layout it was dragged in ('down': a portrait phone's, layeredDown.ts); it means nothing in the other. */
  readonly flow?: 'down';
}

export interface FormRequest {
  readonly op: OpName;
  readonly prefill: Readonly<Record<string, string>>;
  /** A guided action (src/app/actions/intents.ts) shown instead of the raw op form, or null. */
  readonly intent: string | null;
  /** Bumped on every request so the same op can be re-prefilled. */
  readonly nonce: number;
}

export interface AppActions {
  /** Apply one command at the cursor. Returns true when the engine accepted it. */
  apply(command: ValidCommand): boolean;
  /**
   * Apply a recipe's commands as one undo step, all or nothing: when one is refused nothing is
   * applied and lastError names which op (by position) failed. Returns true when all were accepted.
   */
  applyGroup(commands: readonly ValidCommand[], label: string): boolean;
  undo(): void;
  redo(): void;
  goTo(cursor: number): void;
  /**
   * Load a scenario (text or parsed JSON) into a new document. On a parse error the document is
   * kept and importError set.
   */
  loadScenario(input: unknown, source?: string, options?: LoadOptions): boolean;
  /** Install a document parsed and replayed elsewhere (the loader worker); Undo brings the previous one back. */
  installDocument(prepared: PreparedDoc, cursor: number, source: string, options?: LoadOptions): void;
  reset(): void;
  setNotice(text: string | null, undo?: boolean): void;
  /** Select an object (null clears the selection, and with it focus mode). */
  select(id: string | null): void;
  /** Enter or leave focus mode; entering needs a selection. */
  setFocusMode(on: boolean): void;
  setTheme(theme: Theme): void;
  setTab(tab: BottomTab): void;
  setImportError(message: string | null): void;
  clearError(): void;
  openForm(op: OpName, prefill?: Readonly<Record<string, string>>): void;
  /** Show a guided action's form (its id in src/app/actions/intents.ts), optionally prefilled. */
  openIntent(intent: string, prefill?: Readonly<Record<string, string>>): void;
  /** Pin a graph node at a position (view state: never in the op log, never clears redo). */
  moveNode(id: string, position: NodePosition): void;
  resetPositions(): void;
}

export type AppState = AppData & AppActions;
export type AppStore = ReturnType<typeof createAppStore>;

/** The state the cursor points at. */
export function currentState(s: Pick<AppData, 'history'>): EngineState {
  return s.history.cursorState;
}

/** The state after the first `i` steps (0 ≤ i ≤ steps.length), rebuilt from a checkpoint when needed. */
export function stateAtStep(s: Pick<AppData, 'history' | 'steps'>, i: number): EngineState {
  return stateAt(s.history, s.steps, i);
}

let noticeCounter = 0;
const nextNoticeId = () => ++noticeCounter;

function emptyData(theme: Theme): AppData {
  const platform = resolvePlatform(undefined);
  return {
    title: 'Untitled scenario',
    platformInput: undefined,
    platform,
    steps: [],
    lines: [],
    cursor: 0,
    history: emptyHistory(initialState(platform)),
    doc: newDocMeta('user'),
    notice: null,
    lastError: null,
    importError: null,
    selection: null,
    focusMode: false,
    lastDma: null,
    theme,
    tab: 'walk',
    form: { op: 'addDevice', prefill: {}, intent: 'add-dsa', nonce: 0 },
    positions: {},
    groups: [],
    replacedDoc: null,
    undoneDoc: null,
  };
}

function dmaOf(step: Step | undefined, result: DmaResult | null): LastDma | null {
  if (step?.op !== 'dma' || result === null) return null;
  const { expect: _e, op: _o, ...request } = step;
  return { request, result };
}

/** The DMA shown at `cursor`: the last one at or before it, its walk rebuilt (lines keep none). */
function lastDmaOf(
  history: History,
  steps: readonly Step[],
  lines: readonly KeptLine[],
  cursor: number,
): LastDma | null {
  const i = lastDmaIndex(steps, lines, cursor);
  if (i < 0) return null;
  return dmaOf(steps[i], dmaResultAt(history, steps, lines, i));
}

/** Create a fresh store (tests make one each; the app makes one in StoreProvider). */
export function createAppStore(init?: { theme?: Theme }) {
  return createStore<AppState>()((set, get) => ({
    ...emptyData(init?.theme ?? 'light'),

    apply(command) {
      const s = get();
      // Validated once, where it was made (validateCommand): the store only applies it.
      const applied = applyCommand(currentState(s), command);
      if (!applied.ok) {
        set({ lastError: { ...applied.error, op: command.op } });
        return false;
      }
      const steps = [...s.steps.slice(0, s.cursor), command];
      const line = lineOf(s.cursor, command, applied);
      set({
        steps,
        lines: [...s.lines.slice(0, s.cursor), compactLine(line)],
        history: pushState(s.history, applied.state),
        cursor: s.cursor + 1,
        replacedDoc: null,
        undoneDoc: null,
        notice: null,
        // Editing a document a link opened makes it the user's work (startup reopens it).
        doc: s.doc.origin === 'link' ? { ...s.doc, origin: 'user' } : s.doc,
        lastError: null,
        lastDma: line.ok && line.op === 'dma' ? dmaOf(command, line.result) : s.lastDma,
      });
      return true;
    },

    applyGroup(commands, label) {
      const s = get();
      const run = dryRun(currentState(s), commands);
      if (!run.ok) {
        set({ lastError: { code: run.code, message: groupErrorMessage(label, commands.length, run), op: run.op } });
        return false;
      }
      // Each op goes through apply (the engine is deterministic, so the dry run's verdict holds):
      // the log gets the individual ops; the group only changes what undo/redo skip over.
      const start = s.cursor;
      for (const command of commands) if (!get().apply(command)) return false;
      const after = get();
      const group: StepGroup = { start, steps: after.steps.slice(start, start + commands.length), label };
      set({ groups: withGroup(after.groups, after.steps, group) });
      return true;
    },

    undo() {
      const s = get();
      if (s.replacedDoc !== null) {
        set({
          ...s.replacedDoc,
          replacedDoc: null,
          undoneDoc: snapshotOf(s),
          selection: null,
          focusMode: false,
          positions: {},
          lastError: null,
          importError: null,
          notice: { text: `Brought back “${s.replacedDoc.title}”.`, undo: false, id: nextNoticeId() },
        });
        return;
      }
      if (s.cursor > 0) s.goTo(undoTarget(s.groups, s.steps, s.cursor));
    },

    redo() {
      const s = get();
      if (s.undoneDoc !== null) {
        set({
          ...s.undoneDoc,
          undoneDoc: null,
          replacedDoc: snapshotOf(s),
          selection: null,
          focusMode: false,
          positions: {},
          lastError: null,
          importError: null,
          notice: null,
        });
        return;
      }
      if (s.cursor < s.steps.length) s.goTo(redoTarget(s.groups, s.steps, s.cursor));
    },

    goTo(cursor) {
      const s = get();
      const c = Math.max(0, Math.min(s.steps.length, Math.round(cursor)));
      if (c === s.cursor) return;
      // The DMA shown is the last one at or before the new cursor.
      const history = moveCursor(s.history, s.steps, c);
      const lastDma = lastDmaOf(history, s.steps, s.lines, c);
      set({ cursor: c, history, lastError: null, lastDma, replacedDoc: null, undoneDoc: null, notice: null });
    },

    loadScenario(input, source = 'file', options = {}) {
      const parsed: ParseOutcome = typeof input === 'string' ? parseScenarioText(input) : parseScenarioValue(input);
      if (!parsed.ok) {
        set({ importError: `The ${source} was rejected: ${parsed.message}` });
        return false;
      }
      const prepared = replayScenario(parsed.value.scenario, parsed.value.platform, Infinity);
      // Without a progress callback the replay is never cancelled.
      if (!prepared.ok) return false;
      get().installDocument(prepared.doc, prepared.doc.steps.length, source, options);
      return true;
    },

    installDocument(prepared, cursor, source, options = {}) {
      const at = Math.max(0, Math.min(prepared.steps.length, Math.round(cursor)));
      const history = moveCursor(prepared.history, prepared.steps, at);
      const lastDma = lastDmaOf(history, prepared.steps, prepared.lines, at);
      const prev = get();
      // Loading over a document with steps keeps it for Undo.
      const replacedDoc = prev.steps.length > 0 ? snapshotOf(prev) : null;
      const announce = options.announce ?? true;
      set({
        replacedDoc,
        undoneDoc: null,
        title: prepared.title,
        platformInput: prepared.platformInput,
        platform: prepared.platform,
        steps: prepared.steps,
        lines: prepared.lines,
        groups: revivedGroups(options.groups ?? [], prepared.steps),
        history,
        cursor: at,
        doc: options.doc ?? newDocMeta(options.origin ?? 'user'),
        notice: announce
          ? {
              text: `Opened the ${source}${replacedDoc ? '; Undo brings back the previous document' : ''}.`,
              undo: replacedDoc !== null,
              id: nextNoticeId(),
            }
          : null,
        lastError: null,
        importError: null,
        selection: null,
        focusMode: false,
        lastDma,
        positions: {},
      });
    },

    reset() {
      const prev = get();
      const replacedDoc = prev.steps.length > 0 ? snapshotOf(prev) : null;
      set({
        ...emptyData(prev.theme),
        tab: prev.tab,
        form: prev.form,
        replacedDoc,
        notice: replacedDoc
          ? { text: 'Started an empty document; Undo brings back the previous one.', undo: true, id: nextNoticeId() }
          : null,
      });
    },

    setNotice(text, undo = false) {
      set({ notice: text === null ? null : { text, undo, id: nextNoticeId() } });
    },

    select(id) {
      set(id === null ? { selection: null, focusMode: false } : { selection: id });
    },
    setFocusMode(on) {
      set({ focusMode: on && get().selection !== null });
    },
    setTheme(theme) {
      set({ theme });
    },
    setTab(tab) {
      set({ tab });
    },
    setImportError(message) {
      set({ importError: message });
    },
    clearError() {
      set({ lastError: null });
    },
    openForm(op, prefill = {}) {
      set({ form: { op, prefill, intent: null, nonce: get().form.nonce + 1 }, lastError: null });
    },
    openIntent(intent, prefill = {}) {
      set({ form: { op: get().form.op, prefill, intent, nonce: get().form.nonce + 1 }, lastError: null });
    },
    moveNode(id, position) {
      set({ positions: { ...get().positions, [id]: position } });
    },
    resetPositions() {
      set({ positions: {} });
    },
  }));
}
