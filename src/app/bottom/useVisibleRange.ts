/**
 * List windowing for the long bottom-tab lists (a 2,240-step log): which rows of a list, whose
 * row tops are `offsets` (prefix sums, length rows + 1), are within `overscan` px of the visible
 * part of the enclosing `.tab-panel` scroller. A zero-height scroller (jsdom): every row.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';

/** The first index i with offsets[i + 1] > y (binary search). */
export function rowAt(offsets: readonly number[], y: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((offsets[mid + 1] ?? Infinity) <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function useVisibleRange(
  listRef: RefObject<HTMLElement | null>,
  offsets: readonly number[],
  overscan = 300,
): readonly [number, number] {
  const rows = offsets.length - 1;
  const [view, setView] = useState<{ top: number; height: number } | null>(null);
  useLayoutEffect(() => {
    const list = listRef.current;
    const scroller = list?.closest<HTMLElement>('.tab-panel');
    if (!list || !scroller) return;
    let frame = 0;
    const update = () => {
      frame = 0;
      const top =
        scroller.scrollTop -
        (list.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop);
      const height = scroller.clientHeight;
      setView((old) => (old && old.top === top && old.height === height ? old : { top, height }));
    };
    update();
    const onScroll = () => {
      if (frame === 0) frame = requestAnimationFrame(update);
    };
    scroller.addEventListener('scroll', onScroll, { passive: true });
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(onScroll);
    ro?.observe(scroller);
    return () => {
      cancelAnimationFrame(frame);
      scroller.removeEventListener('scroll', onScroll);
      ro?.disconnect();
    };
  }, [listRef]);
  // Before the first measurement (the layout effect re-renders at once): a first screenful only.
  if (view === null) return [0, Math.min(rows, 40)];
  if (view.height === 0) return [0, rows];
  const start = rowAt(offsets, Math.max(0, view.top - overscan));
  const end = Math.min(rows, rowAt(offsets, view.top + view.height + overscan) + 1);
  return [start, end];
}
