/**
 * Find a node (issue 11): `/` (or the Find button) opens a combobox over the graph's nodes, matched
 * by engine/inspect/find.ts on ids, BDFs, PASIDs, DIDs and VM names. Enter selects the node, opens
 * its cluster and centres it at a readable zoom (graphView.revealNode), then gives it keyboard focus;
 * Esc closes. The same Combobox (shell/Combobox.tsx) as the command palette (Ctrl+K), which finds actions.
 */
import { Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useKeysUntilFocused, type EarlyKeys } from '../shell/useKeysUntilFocused.ts';
import type { Topology } from '../../engine/inspect/topology.ts';
import { FindPopup } from '../panels/lazyPanels.ts';

/** Typing `/` outside a text field opens the find box. */
const isTextField = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));

export function FindBox({ topology }: { topology: Topology }) {
  const [open, setOpenState] = useState(false);
  // The query lives here, not in the popup: keys typed between `/` and the popup's input taking focus
  // (its chunk loads on first open) join it instead of being lost or reaching the graph's keys (F focuses).
  const [query, setQuery] = useState('');
  const setOpen = (next: boolean) => {
    setOpenState(next);
    setQuery('');
  };
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isTextField(e.target)) return;
      e.preventDefault();
      setOpenState(true);
      setQuery('');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const earlyKeys = useMemo<EarlyKeys>(
    () => ({
      onKey: (key) => setQuery((q) => (key === 'Backspace' ? q.slice(0, -1) : q + key)),
      onEscape: () => setOpenState(false),
    }),
    [],
  );
  useKeysUntilFocused(open, 'find-input', earlyKeys);
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
        <Suspense fallback={null}>
          <FindPopup
            topology={topology}
            query={query}
            onQuery={setQuery}
            onClose={(refocus) => {
              setOpen(false);
              if (refocus) button.current?.focus();
            }}
          />
        </Suspense>
      )}
    </span>
  );
}
