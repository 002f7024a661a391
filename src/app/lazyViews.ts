/**
 * Every route's view as its own chunk (issue 11: the landing page must not download the
 * workbench, the compare page or the tours). Component tests swap this module for eager imports
 * (test/setup-dom.ts), so they render synchronously; the browser tests exercise the lazy path.
 * Each view can be fetched ahead (main.tsx does for the first route: src/app/preloadable.tsx).
 */
import type { Route } from '../tours/route.ts';
import { preloadable } from './preloadable.tsx';

export const Landing = preloadable(() => import('./landing/Landing.tsx').then((m) => m.Landing));
export const GlossaryPage = preloadable(() => import('./glossary/GlossaryPage.tsx').then((m) => m.GlossaryPage));
export const TourRoute = preloadable(() => import('./tour/TourRoute.tsx').then((m) => m.TourRoute));
export const ExercisePage = preloadable(() => import('./exercise/ExercisePage.tsx').then((m) => m.ExercisePage));
export const ComparePage = preloadable(() => import('./compare/ComparePage.tsx').then((m) => m.ComparePage));
export const Workbench = preloadable(() => import('./Workbench.tsx').then((m) => m.Workbench));

/** Fetch the chunk of a route's view (resolves when it is ready). */
export function preloadRoute(route: Route): Promise<unknown> {
  switch (route.view) {
    case 'landing':
      return Landing.preload();
    case 'glossary':
      return GlossaryPage.preload();
    case 'tour':
      return TourRoute.preload();
    case 'exercise':
      return ExercisePage.preload();
    case 'compare':
      return ComparePage.preload();
    case 'workbench':
      return Workbench.preload();
  }
}
