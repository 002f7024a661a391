/**
 * The find box's popup (FindBox.tsx): a combobox over the graph's nodes. Its own chunk with the
 * Combobox and engine/inspect/find.ts (the workbench's first paint ≤ 180 KiB gzip), fetched when
 * the browser is idle after the workbench's first paint (preloadPanels), or on the first `/`.
 */
import { useMemo } from 'react';
import { findNodes, type FindHit } from '../../engine/inspect/find.ts';
import type { Topology } from '../../engine/inspect/topology.ts';
import { useAppStoreApi } from '../../store/StoreProvider.tsx';
import { Combobox } from '../shell/Combobox.tsx';
import { focusNode } from './focusNode.ts';
import { graphView } from './graphView.ts';
import './find.css';

const LIMIT = 30;

interface Props {
  readonly topology: Topology;
  /** Kept by FindBox, so keys typed before this chunk arrived are already in it. */
  readonly query: string;
  readonly onQuery: (query: string) => void;
  readonly onClose: (refocus: boolean) => void;
}

export function FindPopup({ topology, query, onQuery: setQuery, onClose }: Props) {
  const store = useAppStoreApi();
  const hits = useMemo(() => findNodes(topology, query, LIMIT), [topology, query]);
  const choose = (hit: FindHit) => {
    store.getState().select(hit.node.ref);
    graphView.getState().revealNode(hit.node.id);
    onClose(false);
    focusNode(hit.node.id);
  };
  const status =
    query.trim() === ''
      ? 'Type an id, BDF, PASID, DID or VM name'
      : hits.length === 0
        ? `No node matches “${query.trim()}”`
        : `${hits.length === LIMIT ? `first ${LIMIT}` : hits.length} ${hits.length === 1 ? 'match' : 'matches'} · Enter shows it`;
  return (
    <div
      className="find-popup"
      data-testid="find-popup"
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) onClose(false);
      }}
    >
      <Combobox
        items={hits}
        keyOf={(h) => h.node.id}
        idPrefix="find"
        label="Find a node"
        listLabel="Matching nodes"
        placeholder="vm37, 0000:6a:01.0, PASID 2, DID 3…"
        query={query}
        onQuery={setQuery}
        onChoose={choose}
        onEscape={() => onClose(true)}
        renderItem={(h) => (
          <>
            <span className="combo-main">{h.node.label}</span>
            <span className="combo-side">{h.node.kind}</span>
            <span className="combo-detail">{h.node.detail}</span>
          </>
        )}
        status={status}
        testIds={{ input: 'find-input', status: 'find-status' }}
      />
    </div>
  );
}
