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
