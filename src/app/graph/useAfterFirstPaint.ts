/**
 * True from the first frame after `ready` turned true (the graph's first paint): what is not on the
 * first picture (the minimap) is mounted then, off the first graph's task. jsdom (component tests)
 * has no paint: true at once there, so tests render everything synchronously as before.
 */
import { useEffect, useState } from 'react';

export function useAfterFirstPaint(ready: boolean): boolean {
  const [after, setAfter] = useState(typeof ResizeObserver === 'undefined');
  useEffect(() => {
    if (!ready || after) return;
    // requestAnimationFrame runs before this frame's paint; the timeout after it, once painted.
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => setAfter(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [ready, after]);
  return after;
}

/**
 * A fleet's nodes are placed on first use (layoutClusters); once the first graph is painted, place
 * them while the browser is idle, so the first zoom past OPEN_ZOOM, Find or arrow key does not pay for it.
 */
export function usePlaceWhenIdle(layout: { readonly nodes: readonly unknown[] }, painted: boolean): void {
  useEffect(() => {
    if (!painted || typeof window.requestIdleCallback !== 'function') return;
    const id = window.requestIdleCallback(() => layout.nodes.length, { timeout: 2000 });
    return () => window.cancelIdleCallback(id);
  }, [layout, painted]);
}
