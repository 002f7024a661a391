/**
 * Workbench panels as their own chunks (issue 11: the workbench's first paint ≤ 180 KiB gzip).
 * Most are not on screen at first paint: the inspector and the Tables tab (the IOMMU table views
 * and their engine readers) show once something is selected or the tab is picked, the walk player
 * once a DMA was made, the event log and timeline when their tab is picked, the command palette,
 * the graph's find box and a node's actions menu when opened. The action panel is on screen at once, but it carries every op's fields,
 * defaults and catalogue: the graph paints first and the panel follows. Each stands
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
  minimap: () => import('../graph/Minimap.tsx'),
  find: () => import('../graph/FindPopup.tsx'),
  nodeMenu: () => import('../graph/NodeMenu.tsx'),
};

export const Inspector = lazy(() => load.inspector().then((m) => ({ default: m.Inspector })));
export const RelatedList = lazy(() => load.related().then((m) => ({ default: m.RelatedList })));
export const TablesView = lazy(() => load.tables().then((m) => ({ default: m.TablesView })));
export const WalkView = lazy(() => load.walk().then((m) => ({ default: m.WalkView })));
export const EventLog = lazy(() => load.log().then((m) => ({ default: m.EventLog })));
export const Timeline = lazy(() => load.timeline().then((m) => ({ default: m.Timeline })));
/** The graph's minimap (graphs larger than the view): drawn after the graph's first paint. */
export const Minimap = lazy(() => load.minimap().then((m) => ({ default: m.Minimap })));
/** The graph's find box popup (`/`): the Combobox and the node matcher. */
export const FindPopup = lazy(() => load.find().then((m) => ({ default: m.FindPopup })));
/** A graph node's actions menu (and what decides its actions, nodeActions.ts). */
export const NodeMenu = lazy(() => load.nodeMenu().then((m) => ({ default: m.NodeMenu })));
export const ActionPanel = lazy(() => import('../actions/ActionPanel.tsx').then((m) => ({ default: m.ActionPanel })));
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
