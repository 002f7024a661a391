/**
 * The command palette (Ctrl+K / Cmd+K, as in VS Code, Excalidraw, tldraw): finds every guided action
 * and raw op by name or words and opens its form. A modal dialog with a combobox over a listbox
 * (WAI-ARIA APG combobox pattern: focus stays in the input, aria-activedescendant names the active
 * option); arrows move, Enter runs, Esc closes and gives focus back. `/` is left for a graph find box.
 */
import { Suspense, useEffect } from 'react';
import { PaletteDialog } from '../panels/lazyPanels.ts';
import { Loading } from '../shell/Loading.tsx';
import { usePalette } from './paletteState.ts';
import './palette.css';

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
  useEffect(() => {
    if (!open) return;
    // Until the dialog's input has focus (its chunk loads on first open), keys go to the palette, not
    // to whatever had focus: letters join its query, Esc closes it, Enter waits.
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (document.activeElement?.getAttribute('data-testid') === 'palette-input') return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape') usePalette.getState().setOpen(false);
      else if (e.key.length === 1 || e.key === 'Backspace') usePalette.getState().typeAhead(e.key);
      else if (e.key !== 'Enter') return;
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open]);
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
