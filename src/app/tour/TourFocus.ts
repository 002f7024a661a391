/** What a tour stop points at inside other panels (the walk step to open); null outside a tour. */
import { createContext, useContext } from 'react';

export interface TourFocus {
  /** Index of the walk step to open in the Walk tab. */
  readonly walkStep: number | undefined;
}

export const TourFocusContext = createContext<TourFocus | null>(null);

export function useTourFocus(): TourFocus | null {
  return useContext(TourFocusContext);
}
