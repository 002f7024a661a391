/** Give a graph item keyboard focus once it is drawn (a reveal or an opened cluster pans first; a few frames at most). */
function focusWhenDrawn(selector: string, key: string, id: string, tries: number): void {
  requestAnimationFrame(() => {
    const el = [...document.querySelectorAll<SVGGElement>(selector)].find((g) => g.dataset[key] === id);
    if (el) el.focus({ preventScroll: true });
    else if (tries > 1) focusWhenDrawn(selector, key, id, tries - 1);
  });
}

/** Focus a node (`data-node`) once drawn. */
export function focusNode(id: string, tries = 20): void {
  focusWhenDrawn('[data-node]', 'node', id, tries);
}

/** Focus a closed cluster's box once drawn. */
export function focusCluster(id: string, tries = 20): void {
  focusWhenDrawn('[data-cluster][role="button"]', 'cluster', id, tries);
}
