/** What a tour stop points at inside other panels (the walk, the graph, the header); null outside a tour. */
import { createContext, useContext } from 'react';

export interface TourFocus {
  readonly tourId: string;
  readonly tourTitle: string;
  /** The stop shown, from 1, and how many there are: the one counter the header and the panel show. */
  readonly stop: number;
  readonly stops: number;
  /** Index of the walk step to open in the Walk tab. */
  readonly walkStep: number | undefined;
  /** The stop (from 1) whose DMA the Walk tab holds, or null when no stop so far made one. */
  readonly walkStop: number | null;
  /** This stop makes a DMA or points at its walk. */
  readonly talksAboutWalk: boolean;
  /** Graph node ids to frame at a readable zoom. */
  readonly frame: readonly string[];
}

export const TourFocusContext = createContext<TourFocus | null>(null);

export function useTourFocus(): TourFocus | null {
  return useContext(TourFocusContext);
}
