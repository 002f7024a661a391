/**
 * Focus the first control of the action form once React has rendered it: a few tries, since the
 * action panel may still be loading or re-rendering (leaving a tour). `stillWanted` is asked before
 * each try, so a caller can give up once the user has moved on (the palette: opened again since).
 */
export const ACTION_PANEL = '[data-testid="action-panel"]';

export function focusActionForm(stillWanted: () => boolean = () => true, tries = 10): void {
  window.setTimeout(() => {
    if (!stillWanted()) return;
    const el = document.querySelector<HTMLElement>(`${ACTION_PANEL} form :is(input, select)`);
    if (el) el.focus();
    else if (tries > 1) focusActionForm(stillWanted, tries - 1);
  }, 30);
}
