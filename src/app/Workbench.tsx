/**
 * The app shell: a skip link, the header, then the work area (panels/workarea.css): the graph, the
 * inspector while something is selected, the side panel (actions, or a tour) on the right, and the
 * bottom tabs under a splitter. Narrow screens stack them, the graph first.
 */
import { Suspense, useEffect, useRef, type ReactNode } from 'react';
import { useAppStore, useAppStoreApi } from '../store/StoreProvider.tsx';
import { selectSelection, selectTheme } from '../store/selectors.ts';
import { BottomTabs } from './bottom/BottomTabs.tsx';
import { focusGraph } from './graph/focusGraph.ts';
import { GraphView } from './graph/GraphView.tsx';
import { InspectorSlot } from './panels/InspectorSlot.tsx';
import { ActionPanel, preloadPanels } from './panels/lazyPanels.ts';
import { Loading } from './shell/Loading.tsx';
import { CommandPalette } from './palette/CommandPalette.tsx';
import { Splitter } from './panels/Splitter.tsx';
import { useBottomPane } from './panels/useBottomPane.ts';
import './panels/workarea.css';
import { ErrorBanner } from './shell/ErrorBanner.tsx';
import { Header } from './shell/Header.tsx';
import { SaveWarning } from './shell/SaveWarning.tsx';
import { StatusMessage } from './shell/StatusMessage.tsx';
import { useShortcuts } from './useShortcuts.ts';

/** `side` replaces the action panel (a tour shows its panel there). */
export function Workbench({ side }: { side?: ReactNode } = {}) {
  const store = useAppStoreApi();
  const theme = useAppStore(selectTheme);
  const inspecting = useAppStore(selectSelection) !== null;
  const pane = useBottomPane();
  const startRef = useRef<HTMLDivElement>(null);
  useShortcuts(store);
  useEffect(preloadPanels, []);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  // Arriving from another view (the landing page's link is gone): focus starts here, so the first
  // Tab reaches the skip link rather than wherever the browser's caret was left.
  useEffect(() => {
    const active = document.activeElement;
    if (active === null || active === document.body) startRef.current?.focus({ preventScroll: true });
  }, []);
  const cls = [
    'work-area',
    side === undefined ? '' : 'is-touring',
    inspecting ? 'has-inspector' : '',
    pane.expanded ? 'is-expanded' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="workbench" ref={startRef} tabIndex={-1} data-testid="workbench">
      <a
        className="skip-link"
        href="#graph-area"
        data-testid="skip-link"
        onClick={(e) => {
          e.preventDefault();
          focusGraph();
        }}
      >
        Skip to the graph
      </a>
      <Header />
      <div className="banners">
        <ErrorBanner />
        <SaveWarning />
        <StatusMessage />
      </div>
      {/* In the order they are seen, so Tab follows the picture at every width: the graph, the
          inspector, a tour's panel (beside the graph, above the details on a phone), the details,
          then the actions (the right-hand column; last on a phone). No CSS `order` reorders them. */}
      <main className={cls} style={pane.style}>
        <GraphView />
        {inspecting && <InspectorSlot />}
        {side}
        <Splitter pane={pane} />
        <BottomTabs expanded={pane.expanded} onToggleExpanded={pane.toggleExpanded} />
        {side === undefined && (
          <Suspense fallback={<ActionsLoading />}>
            <ActionPanel />
          </Suspense>
        )}
      </main>
      <CommandPalette />
    </div>
  );
}

/**
 * The action panel's place while its chunk loads (the same box, so nothing jumps), with its
 * heading: the page's outline is the same however soon it is read.
 */
function ActionsLoading() {
  return (
    <section className="panel actions" aria-labelledby="actions-title">
      <div className="actions-head">
        <h2 id="actions-title">Actions</h2>
      </div>
      <Loading what="panel" />
    </section>
  );
}
