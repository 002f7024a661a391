/**
 * Find a node (issue 11): `/` (or the Find button) opens a combobox over the graph's nodes, matched
 * by engine/inspect/find.ts on ids, BDFs, PASIDs, DIDs and VM names. Enter selects the node, opens
 * its cluster and centres it at a readable zoom (graphView.revealNode), then gives it keyboard focus;
 * Esc closes. The same Combobox (shell/Combobox.tsx) as the command palette (Ctrl+K), which finds actions.
 */
import { Suspense, useEffect, useRef, useState } from 'react';
import type { Topology } from '../../engine/inspect/topology.ts';
import { FindPopup } from '../panels/lazyPanels.ts';

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
        <Suspense fallback={null}>
          <FindPopup
            topology={topology}
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
