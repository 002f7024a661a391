/**
 * The first thing rendered. Pages that need no store (the landing page, the glossary) render at
 * once from small chunks; any other route, or the first navigation to one, loads the app
 * (src/boot.tsx: store, engine, parser) and hands over to it for good (issue 11: the landing page's
 * first paint ≤ 100 KiB gzip of JS, the workbench's ≤ 180 KiB).
 */
import { Suspense, useEffect, useState } from 'react';
import type { Route } from '../tours/route.ts';
import { GlossaryPage, Landing } from './lazyViews.ts';
import { preloadable } from './preloadable.tsx';
import { Loading } from './shell/Loading.tsx';
import { RouteProblem } from './shell/RouteProblem.tsx';
import { useHashRoute } from './tour/useHashRoute.ts';
import './styles.css';

const BootedApp = preloadable(() => import('../boot.tsx').then((m) => m.BootedApp));
/** Load (once) and start the app: its first document starts loading as the chunk runs. */
export const bootApp = () => BootedApp.preload();

/** Whether a route needs the app store (the landing page and the glossary do not). */
export function needsApp(route: Route): boolean {
  return route.view !== 'landing' && route.view !== 'glossary';
}

export function Root({ initial }: { initial: Route }) {
  const [route] = useHashRoute(initial);
  const [booted, setBooted] = useState(() => needsApp(initial));
  if (!booted && needsApp(route)) setBooted(true);
  useEffect(() => {
    if (booted) return;
    // Fetch the app while the visitor reads, so the first click into it is quick.
    const boot = () => void bootApp();
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(boot);
    else window.setTimeout(boot, 500);
  }, [booted]);
  return (
    <Suspense fallback={<Loading what="page" />}>
      {booted ? <BootedApp initial={route} /> : <LightPage route={route} />}
    </Suspense>
  );
}

function LightPage({ route }: { route: Route }) {
  if (route.view === 'glossary') return <GlossaryPage term={route.term} />;
  return (
    <>
      {route.view === 'landing' && route.problem !== undefined && <RouteProblem message={route.problem} />}
      <Landing />
    </>
  );
}
