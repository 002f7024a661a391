/** Bottom area: Walk, Tables, Event log and Timeline tabs (WAI-ARIA tabs pattern). */
import { Suspense, type KeyboardEvent } from 'react';
import type { BottomTab } from '../../store/createAppStore.ts';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { selectTab } from '../../store/selectors.ts';
import { DmaSummary } from './DmaSummary.tsx';
import { TablesSlot } from './TablesSlot.tsx';
import { WalkSlot } from './WalkSlot.tsx';
import { Loading } from '../shell/Loading.tsx';
import { EventLog, Timeline } from '../panels/lazyPanels.ts';
import { DebugfsPanel, FaultLog, InvalidationLab, Workloads } from './lazyTabs.ts';
import './eventLog.css';

// 'debugfs' is not in the store's BottomTab union yet (src/store is owned elsewhere); setTab stores it as is.
type Tab = BottomTab | 'debugfs' | 'faults' | 'invalidations' | 'workloads';
const TABS: readonly { id: Tab; label: string }[] = [
  { id: 'walk', label: 'Walk' },
  { id: 'tables', label: 'Tables' },
  { id: 'log', label: 'Event log' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'debugfs', label: 'debugfs' },
  { id: 'faults', label: 'Faults' },
  { id: 'invalidations', label: 'Invalidations' },
  { id: 'workloads', label: 'Workloads' },
];

/** `expanded`: the panel takes most of the work area (toggled here, or with Enter on the splitter). */
export function BottomTabs({
  expanded = false,
  onToggleExpanded,
}: { expanded?: boolean; onToggleExpanded?: () => void } = {}) {
  const store = useAppStoreApi();
  const tab = useAppStore(selectTab) as Tab;
  // ←/→ move along the tabs (wrapping round, also when a narrow screen wraps them to two rows), Home/End jump.
  const onKeyDown = (e: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const n = TABS.length;
    const moves: Readonly<Record<string, number>> = {
      ArrowRight: (i + 1) % n,
      ArrowLeft: (i - 1 + n) % n,
      Home: 0,
      End: n - 1,
    };
    const to = moves[e.key];
    const next = to === undefined ? undefined : TABS[to];
    if (next) {
      e.preventDefault();
      store.getState().setTab(next.id as BottomTab);
      document.getElementById(`tab-${next.id}`)?.focus();
    }
  };
  return (
    <section className="bottom" aria-labelledby="details-title" id="details-panel">
      {/* The tab panels' h3s sit under it: the actions' h2 no longer comes before them. */}
      <h2 id="details-title" className="visually-hidden">
        Details
      </h2>
      <div className="tab-row">
        <div role="tablist" aria-label="Detail views" className="tabs" onKeyDown={onKeyDown}>
          {TABS.map((t) => (
            <button
              key={t.id}
              id={`tab-${t.id}`}
              role="tab"
              type="button"
              data-testid={`tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => store.getState().setTab(t.id as BottomTab)}
            >
              {t.label}
            </button>
          ))}
        </div>
        {tab === 'walk' && <DmaSummary />}
        {onToggleExpanded && (
          <button
            type="button"
            className="expand-toggle icon-button"
            aria-pressed={expanded}
            aria-label="Expand the details panel"
            title={expanded ? 'Give the graph its room back' : 'Give the details panel most of the room'}
            data-testid="expand-details"
            onClick={onToggleExpanded}
          >
            {expanded ? '⤡' : '⤢'}
          </button>
        )}
      </div>
      <div className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} tabIndex={0}>
        {tab === 'walk' && <WalkSlot />}
        {tab === 'tables' && <TablesSlot />}
        <Suspense fallback={<Loading what="panel" />}>
          {tab === 'log' && <EventLog />}
          {tab === 'timeline' && <Timeline />}
          {tab === 'debugfs' && <DebugfsPanel />}
          {tab === 'faults' && <FaultLog />}
          {tab === 'invalidations' && <InvalidationLab />}
          {tab === 'workloads' && <Workloads />}
        </Suspense>
      </div>
    </section>
  );
}
