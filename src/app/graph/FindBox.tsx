/**
 * Find a node (issue 11): `/` (or the Find button) opens a combobox over the graph's nodes, matched
 * by engine/inspect/find.ts on ids, BDFs, PASIDs, DIDs and VM names. Enter selects the node, opens
 * its cluster and centres it at a readable zoom (graphView.revealNode), then gives it keyboard focus;
 * Esc closes. WAI-ARIA combobox pattern as the command palette (Ctrl+K), which finds actions.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { findNodes, type FindHit } from '../../engine/inspect/find.ts';
import type { Topology } from '../../engine/inspect/topology.ts';
import { useAppStoreApi } from '../../store/StoreProvider.tsx';
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
  const [active, setActive] = useState(0);
  const hits = useMemo(() => findNodes(topology, query, LIMIT), [topology, query]);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const choose = (hit: FindHit | undefined) => {
    if (hit === undefined) return;
    store.getState().select(hit.node.ref);
    graphView.getState().revealNode(hit.node.id);
    onClose(false);
    focusNode(hit.node.id);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const n = Math.max(hits.length, 1);
    if (e.key === 'ArrowDown') setActive((active + 1) % n);
    else if (e.key === 'ArrowUp') setActive((active - 1 + n) % n);
    else if (e.key === 'Enter') choose(hits[active]);
    else if (e.key === 'Escape') onClose(true);
    else return;
    e.preventDefault();
  };
  const optionId = (h: FindHit) => `find-${h.node.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const current = hits[active];
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
      <input
        ref={input}
        className="find-input"
        data-testid="find-input"
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls="find-list"
        aria-autocomplete="list"
        aria-activedescendant={current ? optionId(current) : undefined}
        aria-label="Find a node"
        placeholder="vm37, 0000:6a:01.0, PASID 2, DID 3…"
        spellCheck={false}
        autoComplete="off"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id="find-list" className="find-list" role="listbox" aria-label="Matching nodes">
        {hits.map((h, i) => (
          <li
            key={h.node.id}
            id={optionId(h)}
            role="option"
            aria-selected={i === active}
            className="find-option"
            data-testid={optionId(h)}
            onMouseDown={(e) => e.preventDefault()}
            onMouseMove={() => i !== active && setActive(i)}
            onClick={() => choose(h)}
          >
            <span className="find-label">{h.node.label}</span>
            <span className="find-kind">{h.node.kind}</span>
            <span className="find-detail">{h.node.detail}</span>
          </li>
        ))}
      </ul>
      <p className="find-status" role="status" data-testid="find-status">
        {status}
      </p>
    </div>
  );
}
