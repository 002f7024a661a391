/**
 * Apply starts its form over from the new state: the store's form nonce changes and React mounts a
 * fresh form, which takes the focused control with it (focus falls to the page's top, and the next Tab
 * starts from the header). Call this from a form's submit, before the store update: once the fresh form
 * is in, the control of the same test id in it gets focus back, unless focus went somewhere on purpose.
 */
export function keepFocusAcrossRemount(form: Element): void {
  const formId = form.getAttribute('data-testid') ?? undefined;
  const active = document.activeElement;
  const controlId = active instanceof HTMLElement && form.contains(active) ? active.dataset['testid'] : undefined;
  if (formId === undefined || controlId === undefined) return;
  setTimeout(() => {
    if (document.activeElement !== null && document.activeElement !== document.body) return;
    document
      .querySelector<HTMLElement>(`[data-testid="${formId}"] [data-testid="${controlId}"]`)
      ?.focus({ preventScroll: true });
  }, 0);
}
