/**
 * Give a graph item keyboard focus once it is drawn (a reveal or an opened cluster pans first; a few
 * frames at most). When it never is (the command that ran removed it), focus goes to the graph's
 * Tab stop instead: focus never falls to the page's top, and the arrow keys go on from there.
 * One request at a time: a newer one (Find again, another menu) replaces a pending one.
 */
import { focusGraph } from './focusGraph.ts';

let frame = 0;

/** Focus is still where the request left it, or nowhere: the user has not moved on meanwhile. */
const untouched = (from: Element | null) =>
  document.activeElement === null || document.activeElement === document.body || document.activeElement === from;

/** The graph item `selector` whose `data-<key>` is `id`, if it is drawn now. */
const drawn = (selector: string, key: string, id: string) =>
  [...document.querySelectorAll<SVGGElement>(selector)].find((g) => g.dataset[key] === id);

function focusWhenDrawn(selector: string, key: string, id: string, tries: number, from: Element | null): void {
  cancelAnimationFrame(frame);
  frame = requestAnimationFrame(() => {
    frame = 0;
    const el = drawn(selector, key, id);
    if (el) {
      if (untouched(from)) el.focus({ preventScroll: true });
    } else if (tries > 1) focusWhenDrawn(selector, key, id, tries - 1, from);
    else if (untouched(null)) focusGraph();
  });
}

/** Focus a node (`data-node`) once drawn. */
export function focusNode(id: string, tries = 20): void {
  focusWhenDrawn('[data-node]', 'node', id, tries, document.activeElement);
}

/**
 * Focus a node that is drawn now at once (its menu closing with no command run), so that the very
 * next key starts from it; one not drawn yet as focusNode does.
 */
export function focusNodeNow(id: string): void {
  const el = drawn('[data-node]', 'node', id);
  if (el === undefined) return focusNode(id);
  cancelFocusRequest();
  el.focus({ preventScroll: true });
}

/** Focus a closed cluster's box once drawn. */
export function focusCluster(id: string, tries = 20): void {
  focusWhenDrawn('[data-cluster][role="button"]', 'cluster', id, tries, document.activeElement);
}

/** Drop a pending request (component tests: it must not reach the next test's graph). */
export function cancelFocusRequest(): void {
  cancelAnimationFrame(frame);
  frame = 0;
}
