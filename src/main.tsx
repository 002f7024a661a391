/**
 * The entry: React and the first route only. The app (store, engine, parser: src/boot.tsx) is
 * another chunk, started here at once when the first route needs it (a share link, the workbench,
 * a tour) so that it downloads while React renders, and not at all before the landing page paints.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { bootApp, needsApp, Root } from './app/Root.tsx';
import { localOrNull, readFirstView } from './store/firstView.ts';
import { initialRoute } from './tours/route.ts';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

const route = initialRoute(window.location.hash, readFirstView(localOrNull()).hasSaved);
if (needsApp(route)) {
  void bootApp();
  // The workbench's own chunk downloads alongside (its first document is being read meanwhile).
  if (route.view === 'workbench') void import('./app/Workbench.tsx');
}

createRoot(container).render(
  <StrictMode>
    <Root initial={route} />
  </StrictMode>,
);
