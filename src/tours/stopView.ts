/**
 * What a tour stop shows besides its text, derived from the tour data (pure): whether it talks
 * about a walk, which stop's DMA the walk panel holds, the bottom tab it opens, and the graph nodes
 * it frames. A stop that makes no DMA and names no walk structure does not open the Walk tab (it
 * would show an earlier stop's walk as if it were this one's).
 */
import type { BottomTab } from '../store/createAppStore.ts';
import type { Stop, Tour } from './schema.ts';

/** The stop makes a DMA or points at walk structures. */
export function talksAboutWalk(stop: Stop): boolean {
  return stop.highlight.walk.length > 0 || stop.commands.some((c) => c['op'] === 'dma');
}

/** The 0-based index of the last stop at or before `index` that makes a DMA, or null. */
export function dmaStopOf(tour: Tour, index: number): number | null {
  for (let i = Math.min(index, tour.stops.length - 1); i >= 0; i--)
    if (tour.stops[i]!.commands.some((c) => c['op'] === 'dma')) return i;
  return null;
}

/** The bottom tab a stop opens: its own choice, else the walk when it talks about one, else the event log of what it did. */
export function stopTab(stop: Stop): BottomTab {
  return stop.tab ?? (talksAboutWalk(stop) ? 'walk' : 'log');
}

/** The graph nodes a stop frames: what it highlights (in order; the last ones are kept in view first). */
export function frameNodes(stop: Stop): readonly string[] {
  return stop.highlight.frame ?? stop.highlight.nodes;
}
