/**
 * While a popup opened from the keyboard waits for its input to take focus (its chunk loads on first
 * open: the graph's find box, the command palette), keys typed meanwhile go to the popup instead of
 * being lost or reaching whatever had focus (a form behind it, the graph's own keys): a character or
 * Backspace edits its query, Esc closes it, Enter waits. Once the input has focus it handles its keys.
 */
import { useEffect } from 'react';

export interface EarlyKeys {
  /** A printable character or `Backspace`. */
  readonly onKey: (key: string) => void;
  readonly onEscape: () => void;
}

export function useKeysUntilFocused(open: boolean, inputTestId: string, keys: EarlyKeys): void {
  const { onKey, onEscape } = keys;
  useEffect(() => {
    if (!open) return;
    const onKeyDown = (e: globalThis.KeyboardEvent) => {
      if (document.activeElement?.getAttribute('data-testid') === inputTestId) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape') onEscape();
      else if (e.key.length === 1 || e.key === 'Backspace') onKey(e.key);
      else if (e.key !== 'Enter') return;
      e.preventDefault();
      e.stopPropagation();
    };
    // Capture: ahead of the page's own handlers.
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [open, inputTestId, onKey, onEscape]);
}
