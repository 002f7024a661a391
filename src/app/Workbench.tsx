/** The app shell: header, action forms, graph, inspector and the bottom tabs in a fixed grid. */
import { useEffect, type ReactNode } from 'react';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider.tsx';
import { selectTheme } from '../store/selectors.ts';
import { ActionPanel } from './actions/ActionPanel.tsx';
import { BottomTabs } from './bottom/BottomTabs.tsx';
import { GraphView } from './graph/GraphView.tsx';
import { InspectorSlot } from './panels/InspectorSlot.tsx';
import { ErrorBanner } from './shell/ErrorBanner.tsx';
import { Header } from './shell/Header.tsx';
import { useShortcuts } from './useShortcuts.ts';

/** `side` replaces the action panel (a tour shows its panel there). */
export function Workbench({ side }: { side?: ReactNode } = {}) {
  const store = useAppStoreApi();
  const theme = useAppStore(selectTheme);
  useShortcuts(store);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  return (
    <div className="workbench">
      <Header />
      <ErrorBanner />
      <main className={side === undefined ? 'work-area' : 'work-area is-touring'}>
        {side ?? <ActionPanel />}
        <GraphView />
        <InspectorSlot />
        <BottomTabs />
      </main>
    </div>
  );
}
