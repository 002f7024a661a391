/** Module-level selectors (defined once so components subscribe to stable functions). */
import { currentState, type AppState } from './createAppStore.ts';

export const selectEngineState = (s: AppState) => currentState(s);
export const selectCursor = (s: AppState) => s.cursor;
export const selectStepCount = (s: AppState) => s.steps.length;
export const selectCanUndo = (s: AppState) => s.cursor > 0 || s.replacedDoc !== null;
export const selectCanRedo = (s: AppState) => s.cursor < s.steps.length || s.undoneDoc !== null;
export const selectTitle = (s: AppState) => s.title;
export const selectTheme = (s: AppState) => s.theme;
export const selectTab = (s: AppState) => s.tab;
export const selectSelection = (s: AppState) => s.selection;
export const selectLastError = (s: AppState) => s.lastError;
export const selectImportError = (s: AppState) => s.importError;
export const selectLastDma = (s: AppState) => s.lastDma;
export const selectForm = (s: AppState) => s.form;
export const selectSteps = (s: AppState) => s.steps;
export const selectLines = (s: AppState) => s.lines;
export const selectPositions = (s: AppState) => s.positions;
export const selectDocId = (s: AppState) => s.doc.id;
/** Undo would bring back the document a scenario load or reset replaced. */
export const selectUndoesLoad = (s: AppState) => s.replacedDoc !== null;
export const selectGroups = (s: AppState) => s.groups;
export const selectFocusMode = (s: AppState) => s.focusMode && s.selection !== null;
