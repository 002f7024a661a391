/**
 * Give a graph item keyboard focus once it is drawn (a reveal or an opened cluster pans first; a few
 * frames at most). When it never is (the command that ran removed it), focus goes to the graph's
 * Tab stop instead: focus never falls to the page's top, and the arrow keys go on from there.
 * One request at a time: a newer one (Find again, another menu) replaces a pending one.
 */
import { focusGraph } from './focusGraph.ts';

let frame = 0;

function focusWhenDrawn(selector: string, key: string, id: string, tries: number): void {
  cancelAnimationFrame(frame);
  frame = requestAnimationFrame(() => {
    frame = 0;
    const el = [...document.querySelectorAll<SVGGElement>(selector)].find((g) => g.dataset[key] === id);
    if (el) el.focus({ preventScroll: true });
    else if (tries > 1) focusWhenDrawn(selector, key, id, tries - 1);
    // Only while focus is nowhere: the user may have moved on meanwhile.
    else if (document.activeElement === null || document.activeElement === document.body) focusGraph();
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

/** Drop a pending request (component tests: it must not reach the next test's graph). */
export function cancelFocusRequest(): void {
  cancelAnimationFrame(frame);
  frame = 0;
}
