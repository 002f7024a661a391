import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { cancelFocusRequest } from '../src/app/graph/focusNode.ts';
import { graphView } from '../src/app/graph/graphView.ts';
import { forgetStartTheme } from '../src/app/landing/useThemeAttribute.ts';
import { usePalette } from '../src/app/palette/paletteState.ts';
import { clearWalkStepRequest } from '../src/app/walk/walkFocus.ts';

// Component tests share one jsdom and one module graph per worker (vitest.config.ts: `isolate: false`),
// so after every test put back everything a test can leave behind: the rendered tree (and with it the
// window/document listeners its effects added), the page's view stores, the URL, storage, the <html>
// theme attribute, fake timers and stubbed globals. A new module-level store needs a line here.
const startUrl = window.location.href;

// findBy… waits for lazily imported chunks (the diff panel, the exporters), whose first import is transformed on
// the spot: on a busy 2-core machine that can take longer than the default 1 s.
configure({ asyncUtilTimeout: 4000 });

afterEach(async () => {
  // Vitest runs without globals, so Testing Library cannot register its own cleanup.
  cleanup();
  vi.useRealTimers();
  // A hash navigation fires `hashchange` on a later task (jsdom queues it): let it fire now, with nobody
  // listening, rather than into the next test's app after the URL is reset below.
  await new Promise((resolve) => setTimeout(resolve, 0));
  usePalette.setState(usePalette.getInitialState(), true);
  graphView.setState(graphView.getInitialState(), true);
  clearWalkStepRequest();
  cancelFocusRequest();
  window.history.replaceState(null, '', startUrl);
  window.localStorage.clear();
  window.sessionStorage.clear();
  delete document.documentElement.dataset['theme'];
  forgetStartTheme();
  document.body.removeAttribute('style');
  vi.unstubAllGlobals();
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
  BOTTOM_TABS: [],
}));
vi.mock('../src/app/panels/lazyPanels.ts', async () => ({
  Inspector: (await import('../src/app/tables/Inspector.tsx')).Inspector,
  RelatedList: (await import('../src/app/tables/RelatedList.tsx')).RelatedList,
  TablesView: (await import('../src/app/tables/TablesView.tsx')).TablesView,
  WalkView: (await import('../src/app/walk/WalkView.tsx')).WalkView,
  PaletteDialog: (await import('../src/app/palette/PaletteDialog.tsx')).PaletteDialog,
  EventLog: (await import('../src/app/bottom/EventLog.tsx')).EventLog,
  Timeline: (await import('../src/app/bottom/Timeline.tsx')).Timeline,
  ActionPanel: (await import('../src/app/actions/ActionPanel.tsx')).ActionPanel,
  Minimap: (await import('../src/app/graph/Minimap.tsx')).Minimap,
  FindPopup: (await import('../src/app/graph/FindPopup.tsx')).FindPopup,
  NodeMenu: (await import('../src/app/graph/NodeMenu.tsx')).NodeMenu,
  preloadPanels: () => () => undefined,
}));
