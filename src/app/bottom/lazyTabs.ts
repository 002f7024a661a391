/**
 * The review and debugfs tabs as their own chunks: none is open at first paint, and together they
 * carry the workload runner, the chart's d3-scale, the explainers and the debugfs parser (issue 11:
 * the workbench's first paint ≤ 180 KiB gzip). The event log and timeline: panels/lazyPanels.ts. Component tests swap this module for eager imports
 * (test/setup-dom.ts).
 */
import { preloadable } from '../preloadable.tsx';

// preloadable, not React.lazy: fetched when idle (panels/lazyPanels.ts preloadPanels), a tab then opens
// at once instead of after React's 300 ms reveal throttle.
export const DebugfsPanel = preloadable(() => import('../debugfs/DebugfsPanel.tsx').then((m) => m.DebugfsPanel));
export const FaultLog = preloadable(() => import('../review/FaultLog.tsx').then((m) => m.FaultLog));
export const InvalidationLab = preloadable(() =>
  import('../review/InvalidationLab.tsx').then((m) => m.InvalidationLab),
);
export const Workloads = preloadable(() => import('../review/Workloads.tsx').then((m) => m.Workloads));

export const BOTTOM_TABS = [DebugfsPanel, FaultLog, InvalidationLab, Workloads];
