/**
 * Scrolls the walk's own scroller (the bottom tab panel) just enough to show `el` below the sticky
 * step bar. Not `scrollIntoView`, which also scrolls the page on narrow screens (where the work
 * area is a page) and would push the result header out of the panel when the walk opens.
 */
export function revealInPanel(el: HTMLElement | null, opening: boolean): void {
  const panel = el?.closest<HTMLElement>('.tab-panel');
  if (!el || !panel || panel.clientHeight === 0) return;
  // The walk opens on its first read: keep the result header (above the reads) in view.
  if (opening && el.previousElementSibling === null) return;
  const bar = panel.querySelector<HTMLElement>('.walk-bar')?.getBoundingClientRect().height ?? 0;
  const r = el.getBoundingClientRect();
  const p = panel.getBoundingClientRect();
  if (r.top < p.top + bar) panel.scrollTop -= p.top + bar - r.top + 4;
  else if (r.bottom > p.bottom) panel.scrollTop += Math.min(r.bottom - p.bottom + 4, r.top - p.top - bar - 4);
}
