/**
 * The entry: React and the first route only. The app (store, engine, parser: src/boot.tsx) is
 * another chunk, started here at once when the first route needs it (a share link, the workbench,
 * a tour), and not at all before the landing page paints. Such a route renders once the app and its
 * view have arrived (index.html says "Loading …" until then): rendering at once would show React's
 * fallback and then hold the view back until 300 ms after it (src/app/preloadable.tsx).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { preloadRoute } from './app/lazyViews.ts';
import { bootApp, needsApp, Root } from './app/Root.tsx';
import { localOrNull, readFirstView } from './store/firstView.ts';
import { startEarlyShareLoad } from './store/load/earlyShare.ts';
import { initialRoute } from './tours/route.ts';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

// First of all: a big share link starts decoding and replaying in the loader worker now, while
// the app's chunks download (src/boot.tsx adopts the job).
startEarlyShareLoad(window.location.hash);
const route = initialRoute(window.location.hash, readFirstView(localOrNull()).hasSaved);
const render = () =>
  createRoot(container).render(
    <StrictMode>
      <Root initial={route} />
    </StrictMode>,
  );
// The view's chunk downloads alongside the app's (whose first document is being read meanwhile).
// A chunk that fails to load fails again, visibly, where React renders it.
if (needsApp(route)) void Promise.all([bootApp(), preloadRoute(route)]).then(render, render);
else render();
