/**
 * Every route's view as its own chunk (issue 11: the landing page must not download the
 * workbench, the compare page or the tours). Component tests swap this module for eager imports
 * (test/setup-dom.ts), so they render synchronously; the browser tests exercise the lazy path.
 */
import { lazy } from 'react';

export const Landing = lazy(() => import('./landing/Landing.tsx').then((m) => ({ default: m.Landing })));
export const GlossaryPage = lazy(() =>
  import('./glossary/GlossaryPage.tsx').then((m) => ({ default: m.GlossaryPage })),
);
export const TourRoute = lazy(() => import('./tour/TourRoute.tsx').then((m) => ({ default: m.TourRoute })));
export const ExercisePage = lazy(() =>
  import('./exercise/ExercisePage.tsx').then((m) => ({ default: m.ExercisePage })),
);
export const ComparePage = lazy(() => import('./compare/ComparePage.tsx').then((m) => ({ default: m.ComparePage })));
export const Workbench = lazy(() => import('./Workbench.tsx').then((m) => ({ default: m.Workbench })));
