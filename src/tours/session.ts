/**
 * Showing a tour stop through the app store's own history: the whole tour is loaded once as a
 * scenario (every stop's commands), then a stop is a cursor position (`goTo`). Going back is the
 * store's undo; leaving keeps the state, and the rest of the tour stays as the redo tail.
 * If the visitor edited the document meanwhile (the op log changed), the tour is loaded again.
 */
import type { AppStore } from '../store/createAppStore.ts';
import { stepsThrough, tourScenario, type Tour } from './index.ts';
import { stopTab } from './stopView.ts';

const loaded = new WeakMap<AppStore, { tour: string; steps: unknown }>();

/** Bring the store to the state of `stop` (0-based, clamped). Returns false if the tour would not load. */
export function showStop(store: AppStore, tour: Tour, stop: number): boolean {
  const index = Math.max(0, Math.min(tour.stops.length - 1, stop));
  const mark = loaded.get(store);
  if (mark === undefined || mark.tour !== tour.id || mark.steps !== store.getState().steps) {
    if (!store.getState().loadScenario(tourScenario(tour), `tour ${tour.id}`, { origin: 'link', announce: false }))
      return false;
    loaded.set(store, { tour: tour.id, steps: store.getState().steps });
  }
  store.getState().goTo(stepsThrough(tour, index));
  const s = tour.stops[index]!;
  store.getState().select(s.select ?? null);
  store.getState().setTab(stopTab(s));
  return true;
}

/** Whether the store still holds this tour's op log (so its cursor tells the stop). */
export function holdsTour(store: AppStore, tour: Tour): boolean {
  const mark = loaded.get(store);
  return mark !== undefined && mark.tour === tour.id && mark.steps === store.getState().steps;
}
