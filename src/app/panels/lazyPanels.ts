/**
 * Workbench panels as their own chunks (issue 11: the workbench's first paint ≤ 180 KiB gzip).
 * Most are not on screen at first paint: the inspector and the Tables tab (the IOMMU table views
 * and their engine readers) show once something is selected or the tab is picked, the walk player
 * once a DMA was made, the event log and timeline when their tab is picked, the command palette
 * when opened. The action forms are on screen at once, but they carry every op's fields and
 * defaults: the action panel's pickers paint with the graph and the form follows. Each stands
 * behind a Suspense with the `Loading` status line. Component tests swap this module for eager
 * imports (test/setup-dom.ts), so they render synchronously; the browser tests exercise the lazy path.
 */
import { lazy } from 'react';

const load = {
  inspector: () => import('../tables/Inspector.tsx'),
  related: () => import('../tables/RelatedList.tsx'),
  tables: () => import('../tables/TablesView.tsx'),
  walk: () => import('../walk/WalkView.tsx'),
  log: () => import('../bottom/EventLog.tsx'),
  timeline: () => import('../bottom/Timeline.tsx'),
};
const loadForm = {
  op: () => import('../actions/OpForm.tsx'),
  intent: () => import('../actions/IntentForm.tsx'),
};

export const Inspector = lazy(() => load.inspector().then((m) => ({ default: m.Inspector })));
export const RelatedList = lazy(() => load.related().then((m) => ({ default: m.RelatedList })));
export const TablesView = lazy(() => load.tables().then((m) => ({ default: m.TablesView })));
export const WalkView = lazy(() => load.walk().then((m) => ({ default: m.WalkView })));
export const EventLog = lazy(() => load.log().then((m) => ({ default: m.EventLog })));
export const Timeline = lazy(() => load.timeline().then((m) => ({ default: m.Timeline })));
export const OpForm = lazy(() => loadForm.op().then((m) => ({ default: m.OpForm })));
export const IntentForm = lazy(() => loadForm.intent().then((m) => ({ default: m.IntentForm })));
export const PaletteDialog = lazy(() =>
  import('../palette/PaletteDialog.tsx').then((m) => ({ default: m.PaletteDialog })),
);

/**
 * Fetch the panels a visitor opens most (above, but the palette) once the browser is idle after
 * the workbench's first paint, so picking a tab or a node rarely shows the Loading line.
 */
export function preloadPanels(): () => void {
  const run = () => Object.values(load).forEach((f) => void f());
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(run, { timeout: 3000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(run, 500);
  return () => window.clearTimeout(id);
}
