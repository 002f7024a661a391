/** The command palette's dialog (CommandPalette.tsx opens it; its own chunk, loaded when first opened). */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useAppStoreApi } from '../../store/StoreProvider.tsx';
import { matchItems } from './match.ts';
import { PALETTE_ITEMS, type PaletteItem } from './paletteItems.ts';
import { usePalette } from './paletteState.ts';

const ACTION_PANEL = '[data-testid="action-panel"]';

/**
 * Focus the first control of the action form once React has rendered it (a few tries: leaving a tour
 * re-renders). Gives up when the palette has been opened again meanwhile, so it never steals focus
 * from the palette's input.
 */
function focusActionForm(tries = 10): void {
  setTimeout(() => {
    if (usePalette.getState().open) return;
    const el = document.querySelector<HTMLElement>(`${ACTION_PANEL} form :is(input, select)`);
    if (el) el.focus();
    else if (tries > 1) focusActionForm(tries - 1);
  }, 30);
}

export function PaletteDialog() {
  const store = useAppStoreApi();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const items = useMemo(() => matchItems(PALETTE_ITEMS, query), [query]);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    opener.current = document.activeElement;
    input.current?.focus();
  }, []);
  useEffect(() => {
    const el = list.current?.querySelector<HTMLElement>('[aria-selected="true"]');
    if (el && typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'nearest' });
  }, [active, items]);

  const close = (refocus = true) => {
    usePalette.getState().setOpen(false);
    if (refocus && opener.current instanceof HTMLElement) opener.current.focus();
  };
  const run = (item: PaletteItem | undefined) => {
    if (item === undefined) return;
    const s = store.getState();
    if (item.target.kind === 'intent') s.openIntent(item.target.id);
    else s.openForm(item.target.op);
    close(false);
    // A tour shows its own panel where the actions go: building leaves it (keeping the state, as Esc does).
    if (document.querySelector(ACTION_PANEL) === null) window.location.hash = 'workbench';
    focusActionForm();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const n = items.length;
    const moves: Record<string, () => number> = {
      ArrowDown: () => (active + 1) % Math.max(n, 1),
      ArrowUp: () => (active - 1 + n) % Math.max(n, 1),
      Home: () => 0,
      End: () => Math.max(n - 1, 0),
      PageDown: () => Math.min(active + 8, Math.max(n - 1, 0)),
      PageUp: () => Math.max(active - 8, 0),
    };
    const move = moves[e.key];
    if (move) setActive(move());
    else if (e.key === 'Enter') run(items[active]);
    else if (e.key === 'Escape') close();
    else if (e.key !== 'Tab') return; // Tab stays in the dialog: its only control is the input.
    e.preventDefault();
  };

  const optionId = (item: PaletteItem) => `palette-${item.key}`;
  const current = items[active];
  return (
    <div
      className="palette-backdrop"
      data-testid="palette-backdrop"
      onMouseDown={(e) => e.target === e.currentTarget && close()}
    >
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette" data-testid="palette">
        <input
          ref={input}
          className="palette-input"
          data-testid="palette-input"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-autocomplete="list"
          aria-activedescendant={current ? optionId(current) : undefined}
          aria-label="Find an action or op"
          placeholder="Find an action or op: map, give host wq, allocDomain…"
          spellCheck={false}
          autoComplete="off"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul ref={list} id="palette-list" className="palette-list" role="listbox" aria-label="Actions and ops">
          {items.map((item, i) => (
            <li
              key={item.key}
              id={optionId(item)}
              role="option"
              aria-selected={i === active}
              className="palette-option"
              data-testid={optionId(item)}
              onMouseMove={() => i !== active && setActive(i)}
              onClick={() => run(item)}
            >
              <span className="palette-title">{item.title}</span>
              <span className="palette-group">{item.group}</span>
              <span className="palette-summary">{item.summary}</span>
            </li>
          ))}
        </ul>
        {items.length === 0 && <p className="palette-empty">Nothing matches “{query}”.</p>}
        <p className="palette-foot" role="status" data-testid="palette-count">
          {items.length} {items.length === 1 ? 'match' : 'matches'} · ↑↓ move · Enter open · Esc close
        </p>
      </div>
    </div>
  );
}
