/** Ctrl+Z undo, Ctrl+Shift+Z / Ctrl+Y redo — unless focus is in a text field, or a tour runs (Back/Next step it). */
import { useEffect } from 'react';
import type { AppStore } from '../store/createAppStore.ts';
import { useTourFocus } from './tour/TourFocus.ts';

function inTextField(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement) return true;
  return (
    el instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'range', 'file', 'submit'].includes(el.type)
  );
}

export function useShortcuts(store: AppStore): void {
  const touring = useTourFocus() !== null;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || inTextField(document.activeElement)) return;
      if (touring) {
        const k = e.key.toLowerCase();
        // Swallowed, not passed to the browser's own undo: the tour keeps its state in step with its text.
        if (k === 'z' || k === 'y') e.preventDefault();
        return;
      }
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) store.getState().undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') store.getState().redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, touring]);
}
