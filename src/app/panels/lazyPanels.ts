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
import { BOTTOM_TABS } from '../bottom/lazyTabs.ts';
import { preloadable } from '../preloadable.tsx';

// Panels opened by the visitor render at once when their chunk is already there (preloadable): a
// plain React.lazy suspends on every first render, and React then holds the reveal back until 300 ms
// after the fallback (FALLBACK_THROTTLE_MS): opening the Timeline or Event log tab took ~310 ms.
export const Inspector = preloadable(() => import('../tables/Inspector.tsx').then((m) => m.Inspector));
export const RelatedList = preloadable(() => import('../tables/RelatedList.tsx').then((m) => m.RelatedList));
export const TablesView = preloadable(() => import('../tables/TablesView.tsx').then((m) => m.TablesView));
export const WalkView = preloadable(() => import('../walk/WalkView.tsx').then((m) => m.WalkView));
export const EventLog = preloadable(() => import('../bottom/EventLog.tsx').then((m) => m.EventLog));
export const Timeline = preloadable(() => import('../bottom/Timeline.tsx').then((m) => m.Timeline));
/** The graph's find box popup (`/`): the Combobox and the node matcher. */
export const FindPopup = preloadable(() => import('../graph/FindPopup.tsx').then((m) => m.FindPopup));
/** A graph node's actions menu (and what decides its actions, nodeActions.ts). */
export const NodeMenu = preloadable(() => import('../graph/NodeMenu.tsx').then((m) => m.NodeMenu));
export const PaletteDialog = preloadable(() => import('../palette/PaletteDialog.tsx').then((m) => m.PaletteDialog));

// These two stay plain React.lazy on purpose: they suspend, so they never render in the graph's first
// task even when their chunk has arrived (the graph paints first, then they follow).
/** The graph's minimap (graphs larger than the view): drawn after the graph's first paint. */
const loadMinimap = () => import('../graph/Minimap.tsx');
export const Minimap = lazy(() => loadMinimap().then((m) => ({ default: m.Minimap })));
export const ActionPanel = lazy(() => import('../actions/ActionPanel.tsx').then((m) => ({ default: m.ActionPanel })));

/** Fetched when the browser is idle after the first paint (the palette's dialog only when opened). */
const PRELOADED = [
  Inspector,
  RelatedList,
  TablesView,
  WalkView,
  EventLog,
  Timeline,
  FindPopup,
  NodeMenu,
  ...BOTTOM_TABS,
];

/**
 * Fetch the panels a visitor opens (above and the bottom tabs, but the palette) once the browser is
 * idle after the workbench's first paint, so picking a tab or a node shows it at once.
 */
export function preloadPanels(): () => void {
  const run = () => {
    for (const p of PRELOADED) void p.preload();
    void loadMinimap();
  };
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(run, { timeout: 3000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(run, 500);
  return () => window.clearTimeout(id);
}
