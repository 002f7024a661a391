import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
});

// Component tests render the route views eagerly (the app lazy-loads them: src/app/lazyViews.ts),
// so a test's first synchronous query already sees the view.
vi.mock('../src/app/lazyViews.ts', async () => ({
  Landing: (await import('../src/app/landing/Landing.tsx')).Landing,
  GlossaryPage: (await import('../src/app/glossary/GlossaryPage.tsx')).GlossaryPage,
  TourRoute: (await import('../src/app/tour/TourRoute.tsx')).TourRoute,
  ExercisePage: (await import('../src/app/exercise/ExercisePage.tsx')).ExercisePage,
  ComparePage: (await import('../src/app/compare/ComparePage.tsx')).ComparePage,
  Workbench: (await import('../src/app/Workbench.tsx')).Workbench,
}));
vi.mock('../src/app/bottom/lazyTabs.ts', async () => ({
  DebugfsPanel: (await import('../src/app/debugfs/DebugfsPanel.tsx')).DebugfsPanel,
  FaultLog: (await import('../src/app/review/FaultLog.tsx')).FaultLog,
  InvalidationLab: (await import('../src/app/review/InvalidationLab.tsx')).InvalidationLab,
  Workloads: (await import('../src/app/review/Workloads.tsx')).Workloads,
}));
vi.mock('../src/app/panels/lazyPanels.ts', async () => ({
  Inspector: (await import('../src/app/tables/Inspector.tsx')).Inspector,
  RelatedList: (await import('../src/app/tables/RelatedList.tsx')).RelatedList,
  TablesView: (await import('../src/app/tables/TablesView.tsx')).TablesView,
  WalkView: (await import('../src/app/walk/WalkView.tsx')).WalkView,
  PaletteDialog: (await import('../src/app/palette/PaletteDialog.tsx')).PaletteDialog,
}));
