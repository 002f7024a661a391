/**
 * Workbench panels that are not on screen at first paint, each as its own chunk (issue 11: the
 * workbench's first paint ≤ 180 KiB gzip): the inspector and the Tables tab (the IOMMU table
 * views and their engine readers) show only once something is selected or the tab is picked, the
 * walk player only once a DMA was made, the command palette only when opened. Each stands behind
 * a Suspense with the `Loading` status line. Component tests swap this module for eager imports
 * (test/setup-dom.ts), so they render synchronously; the browser tests exercise the lazy path.
 */
import { lazy } from 'react';

export const Inspector = lazy(() => import('../tables/Inspector.tsx').then((m) => ({ default: m.Inspector })));
export const RelatedList = lazy(() => import('../tables/RelatedList.tsx').then((m) => ({ default: m.RelatedList })));
export const TablesView = lazy(() => import('../tables/TablesView.tsx').then((m) => ({ default: m.TablesView })));
export const WalkView = lazy(() => import('../walk/WalkView.tsx').then((m) => ({ default: m.WalkView })));
export const PaletteDialog = lazy(() =>
  import('../palette/PaletteDialog.tsx').then((m) => ({ default: m.PaletteDialog })),
);
