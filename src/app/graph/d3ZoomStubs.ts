/**
 * What the build gives d3-zoom in place of `d3-transition` and `d3-interpolate` (vite.config.ts,
 * plugin `d3ZoomWithoutTransitions`; issue 11: the workbench's first paint ≤ 180 KiB gzip).
 * d3-zoom needs them only for animated zooms: it cancels a running zoom transition when a gesture
 * or `zoom.transform(selection, …)` starts (`interrupt`, `selection.interrupt()`), and it animates
 * a double-click zoom (`selection.transition()` with `interpolateZoom`). The graph never animates
 * the view (useZoom.ts sets transforms on the selection itself and filters double-clicks out), so
 * there is never a transition to cancel; the real modules would bring d3-transition, d3-color,
 * d3-interpolate, d3-ease and d3-timer (~30 KB minified, ~9 KiB gzip) for nothing. Other importers
 * (d3-scale in the Workloads chart) get the real d3-interpolate.
 * Animating the view would need the plugin removed: the stubs throw, saying so, rather than jump
 * without animation unnoticed.
 */
import { selection } from 'd3-selection';

const NO_TRANSITIONS =
  'd3 transitions are not bundled with d3-zoom (vite.config.ts d3ZoomWithoutTransitions, src/app/graph/d3ZoomStubs.ts)';

/** Cancels `node`'s transitions: it has none. */
export function interrupt(_node: Element, _name?: string): void {
  // No transition is ever scheduled (see above).
}

export function transition(): never {
  throw new Error(NO_TRANSITIONS);
}

export function active(): null {
  return null;
}

/** d3-zoom's default interpolator, used only by an animated zoom. */
export function interpolateZoom(): never {
  throw new Error(NO_TRANSITIONS);
}

// d3-transition installs these two methods on every selection when it is imported; d3-zoom calls
// `selection.interrupt()` in `zoom.transform`.
Object.assign(selection.prototype, {
  interrupt<T>(this: T): T {
    return this;
  },
  transition(): never {
    throw new Error(NO_TRANSITIONS);
  },
});
