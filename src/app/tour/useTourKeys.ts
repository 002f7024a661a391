/** Tour keys: → / J next stop, ← / K previous stop, Esc leaves the tour — unless typing in a field. */
import { useEffect } from 'react';

function typing(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  return el instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit'].includes(el.type);
}

export function useTourKeys(handlers: { next: () => void; prev: () => void; leave: () => void }): void {
  const { next, prev, leave } = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || typing(document.activeElement)) return;
      const k = e.key;
      if (k === 'ArrowRight' || k === 'j' || k === 'J') next();
      else if (k === 'ArrowLeft' || k === 'k' || k === 'K') prev();
      else if (k === 'Escape') leave();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [next, prev, leave]);
}
