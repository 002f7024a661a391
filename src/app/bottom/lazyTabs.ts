/**
 * The review and debugfs tabs as their own chunks: none is open at first paint, and together they
 * carry the workload runner, the chart's d3-scale, the explainers and the debugfs parser (issue 11:
 * the workbench's first paint ≤ 180 KiB gzip). The event log and timeline: panels/lazyPanels.ts. Component tests swap this module for eager imports
 * (test/setup-dom.ts).
 */
import { lazy } from 'react';

export const DebugfsPanel = lazy(() =>
  import('../debugfs/DebugfsPanel.tsx').then((m) => ({ default: m.DebugfsPanel })),
);
export const FaultLog = lazy(() => import('../review/FaultLog.tsx').then((m) => ({ default: m.FaultLog })));
export const InvalidationLab = lazy(() =>
  import('../review/InvalidationLab.tsx').then((m) => ({ default: m.InvalidationLab })),
);
export const Workloads = lazy(() => import('../review/Workloads.tsx').then((m) => ({ default: m.Workloads })));
