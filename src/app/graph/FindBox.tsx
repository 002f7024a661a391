/**
 * Find a node (issue 11): `/` (or the Find button) opens a combobox over the graph's nodes, matched
 * by engine/inspect/find.ts on ids, BDFs, PASIDs, DIDs and VM names. Enter selects the node, opens
 * its cluster and centres it at a readable zoom (graphView.revealNode), then gives it keyboard focus;
 * Esc closes. The same Combobox (shell/Combobox.tsx) as the command palette (Ctrl+K), which finds actions.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { findNodes, type FindHit } from '../../engine/inspect/find.ts';
import type { Topology } from '../../engine/inspect/topology.ts';
import { useAppStoreApi } from '../../store/StoreProvider.tsx';
import { Combobox } from '../shell/Combobox.tsx';
import { focusNode } from './focusNode.ts';
import { graphView } from './graphView.ts';
import './find.css';

const LIMIT = 30;

/** Typing `/` outside a text field opens the find box. */
const isTextField = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));

export function FindBox({ topology }: { topology: Topology }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isTextField(e.target)) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <span className="find">
      <button
        ref={button}
        type="button"
        data-testid="find-open"
        aria-keyshortcuts="/"
        aria-expanded={open}
        title="Find a node by id, BDF, PASID, DID or VM name (/)"
        onClick={() => setOpen(!open)}
      >
        Find
      </button>
      {open && (
        <FindPopup
          topology={topology}
          onClose={(refocus) => {
            setOpen(false);
            if (refocus) button.current?.focus();
          }}
        />
      )}
    </span>
  );
}

function FindPopup({ topology, onClose }: { topology: Topology; onClose: (refocus: boolean) => void }) {
  const store = useAppStoreApi();
  const [query, setQuery] = useState('');
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
