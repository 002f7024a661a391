/**
 * The command palette (Ctrl+K / Cmd+K, as in VS Code, Excalidraw, tldraw): finds every guided action
 * and raw op by name or words and opens its form. A modal dialog with a combobox over a listbox
 * (WAI-ARIA APG combobox pattern: focus stays in the input, aria-activedescendant names the active
 * option); arrows move, Enter runs, Esc closes and gives focus back. `/` is left for a graph find box.
 */
import { Suspense, useEffect } from 'react';
import { PaletteDialog } from '../panels/lazyPanels.ts';
import { Loading } from '../shell/Loading.tsx';
import { useKeysUntilFocused, type EarlyKeys } from '../shell/useKeysUntilFocused.ts';
import { usePalette } from './paletteState.ts';
import './palette.css';

const PALETTE_KEYS: EarlyKeys = {
  onKey: (key) => usePalette.getState().typeAhead(key),
  onEscape: () => usePalette.getState().setOpen(false),
};

export function CommandPalette() {
  const open = usePalette((s) => s.open);
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 'k') return;
      e.preventDefault();
      usePalette.getState().setOpen(!usePalette.getState().open);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  // Until the dialog's input has focus (its chunk loads on first open), keys go to the palette.
  useKeysUntilFocused(open, 'palette-input', PALETTE_KEYS);
  // The dialog is its own chunk (panels/lazyPanels.ts): most visits never open it.
  return open ? (
    <Suspense
      fallback={
        <div className="palette-backdrop">
          <Loading what="panel" />
        </div>
      }
    >
      <PaletteDialog />
    </Suspense>
  ) : null;
}
