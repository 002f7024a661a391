/** Give a graph node keyboard focus once it is drawn (a reveal or an opened cluster pans first; a few frames at most). */
export function focusNode(id: string, tries = 20): void {
  requestAnimationFrame(() => {
    const el = [...document.querySelectorAll<SVGGElement>('[data-node]')].find((g) => g.dataset['node'] === id);
    if (el) el.focus({ preventScroll: true });
    else if (tries > 1) focusNode(id, tries - 1);
  });
}
