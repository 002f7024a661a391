/** The command palette's dialog (CommandPalette.tsx opens it; its own chunk, loaded when first opened). */
import { useMemo, useState } from 'react';
import { useAppStoreApi } from '../../store/StoreProvider.tsx';
import { ACTION_PANEL, focusActionForm } from '../actions/focusActionForm.ts';
import { Combobox } from '../shell/Combobox.tsx';
import { matchItems } from './match.ts';
import { PALETTE_ITEMS, type PaletteItem } from './paletteItems.ts';
import { usePalette } from './paletteState.ts';

/**
 * Focus the action form that was just opened, unless the palette has been opened again since (even if
 * closed again: its close gave focus back to where the user was), so it never steals focus from what came after.
 */
function focusOpenedForm(): void {
  const since = usePalette.getState();
  focusActionForm(() => usePalette.getState() === since);
}

export function PaletteDialog() {
  const store = useAppStoreApi();
  const query = usePalette((s) => s.query);
  const setQuery = (q: string) => usePalette.getState().setQuery(q);
  const items = useMemo(() => matchItems(PALETTE_ITEMS, query), [query]);
  // Who had focus before the dialog (read while rendering: the combobox's effect focuses its input first).
  const [opener] = useState<Element | null>(() => document.activeElement);

  const close = (refocus = true) => {
    usePalette.getState().setOpen(false);
    if (refocus && opener instanceof HTMLElement) opener.focus();
  };
  const run = (item: PaletteItem) => {
    const s = store.getState();
    if (item.target.kind === 'intent') s.openIntent(item.target.id);
    else s.openForm(item.target.op);
    close(false);
    // A tour shows its own panel where the actions go: building leaves it (keeping the state, as Esc does).
    if (document.querySelector(ACTION_PANEL) === null) window.location.hash = 'workbench';
    focusOpenedForm();
  };
  return (
    <div
      className="palette-backdrop"
      data-testid="palette-backdrop"
      onMouseDown={(e) => e.target === e.currentTarget && close()}
    >
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette" data-testid="palette">
        <Combobox
          items={items}
          keyOf={(item) => item.key}
          idPrefix="palette"
          label="Find an action or op"
          listLabel="Actions and ops"
          placeholder="Find an action or op: map, give host wq, allocDomain…"
          query={query}
          onQuery={setQuery}
          onChoose={run}
          onEscape={() => close()}
          renderItem={(item) => (
            <>
              <span className="combo-main">{item.title}</span>
              <span className="combo-side">{item.group}</span>
              <span className="combo-detail">{item.summary}</span>
            </>
          )}
          status={`${items.length} ${items.length === 1 ? 'match' : 'matches'} · ↑↓ move · Enter open · Esc close`}
          testIds={{ input: 'palette-input', status: 'palette-count' }}
          trapTab
          empty={<p className="palette-empty">Nothing matches “{query}”.</p>}
        />
      </div>
    </div>
  );
}
