/** Bottom area: Walk, Tables, Event log and Timeline tabs (WAI-ARIA tabs pattern). */
import type { KeyboardEvent } from 'react';
import type { BottomTab } from '../../store/createAppStore.ts';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { selectTab } from '../../store/selectors.ts';
import { DmaSummary } from './DmaSummary.tsx';
import { EventLog } from './EventLog.tsx';
import { TablesSlot } from './TablesSlot.tsx';
import { Timeline } from './Timeline.tsx';
import { WalkSlot } from './WalkSlot.tsx';

const TABS: readonly { id: BottomTab; label: string }[] = [
  { id: 'walk', label: 'Walk' },
  { id: 'tables', label: 'Tables' },
  { id: 'log', label: 'Event log' },
  { id: 'timeline', label: 'Timeline' },
];

export function BottomTabs() {
  const store = useAppStoreApi();
  const tab = useAppStore(selectTab);
  const onKeyDown = (e: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (d === 0) return;
    const next = TABS[(i + d + TABS.length) % TABS.length];
    if (next) {
      store.getState().setTab(next.id);
      document.getElementById(`tab-${next.id}`)?.focus();
    }
  };
  return (
    <section className="bottom" aria-label="Details">
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
            onClick={() => store.getState().setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tab === 'walk' && <DmaSummary />}
      </div>
      <div className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} tabIndex={0}>
        {tab === 'walk' && <WalkSlot />}
        {tab === 'tables' && <TablesSlot />}
        {tab === 'log' && <EventLog />}
        {tab === 'timeline' && <Timeline />}
      </div>
    </section>
  );
}
