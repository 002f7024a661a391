/**
 * The scenario JSON of the document as applied now (exports and share links). Storage itself —
 * the kept documents, autosave, IndexedDB for big ones, the older session key — is library.ts with
 * the layout in storage/layout.ts.
 */
import type { AppData } from './createAppStore.ts';
import { toScenarioText } from './scenarioDoc.ts';

/** The scenario JSON of what is applied now (the redo tail is not kept): exports and share links. */
export function scenarioTextOf(s: Pick<AppData, 'title' | 'platformInput' | 'steps' | 'cursor'>): string {
  return toScenarioText({ title: s.title, platform: s.platformInput, steps: s.steps.slice(0, s.cursor) });
}
