import { useId, useState } from 'react';
import { describeOf, type EngineState } from '../../engine/index.ts';
import { resolveSelection } from '../../engine/inspect/tables.ts';
import { IotlbTable } from './IotlbTable.tsx';
import { PageTablePanel } from './PageTablePanel.tsx';
import { RootAndContext } from './RootAndContext.tsx';
import './tables.css';

export interface TablesViewProps {
  state: EngineState;
  selectedId: string | null;
}

const TABS = [
  { id: 'root', label: 'Root & context' },
  { id: 'pages', label: 'Page tables' },
  { id: 'iotlb', label: 'IOTLB' },
] as const;
type TabId = (typeof TABS)[number]['id'];
const FOLLOW: Partial<Record<ReturnType<typeof resolveSelection>['kind'], TabId>> = {
  domain: 'pages',
  ioasid: 'pages',
  ioas: 'pages',
  device: 'root',
  wq: 'root',
  pasid: 'root',
  mdev: 'root',
};

/** The IOMMU's structures as tables read from simulated memory: root/context/PASID, page tables, IOTLB. */
export function TablesView({ state, selectedId }: TablesViewProps) {
  const target = resolveSelection(state, selectedId);
  const [tab, setTab] = useState<TabId>(() => FOLLOW[target.kind] ?? 'root');
  const base = useId();
  // The tables follow the selection: a newly selected domain opens its page tables, a device (or its
  // WQ, PASID, mdev) its root and context entries; a VM keeps the current tab (both show its part).
  const [followed, setFollowed] = useState(selectedId);
  if (followed !== selectedId) {
    setFollowed(selectedId);
    const follow = FOLLOW[target.kind];
    if (follow !== undefined && tab !== 'iotlb') setTab(follow);
  }
  const tabs = TABS.map((t) => (t.id === 'root' ? { ...t, label: describeOf(state.platform.iommu).tablesTab } : t));
  return (
    <section className="tables-view" aria-label="IOMMU tables">
      <div role="tablist" aria-label="Table views" className="tables-tabs">
        {tabs.map((t, i) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`${base}-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`${base}-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => {
              const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (step === 0) return;
              const next = TABS[(i + step + TABS.length) % TABS.length]!;
              setTab(next.id);
              document.getElementById(`${base}-tab-${next.id}`)?.focus();
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel-${tab}`} aria-labelledby={`${base}-tab-${tab}`} className="tables-panel">
        {tab === 'root' ? (
          <RootAndContext key={selectedId ?? ''} state={state} selectedId={selectedId} selectedDevice={target.device} />
        ) : null}
        {tab === 'pages' ? <PageTablePanel key={target.domain ?? ''} state={state} preferred={target.domain} /> : null}
        {tab === 'iotlb' ? <IotlbTable state={state} /> : null}
      </div>
    </section>
  );
}
