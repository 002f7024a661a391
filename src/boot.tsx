/**
 * The app itself: the store, the kept documents and the first document (a share link, the saved
 * work or the seed). This module is its own chunk (with the engine, the parser and the store),
 * loaded by src/app/Root.tsx as soon as a route needs it, so the landing page paints without it.
 * Loading it starts the first document at once, in parallel with the route's view chunk.
 */
import { App } from './app/App.tsx';
import { createAppStore } from './store/createAppStore.ts';
import { browserLocalStorage, createLibrary } from './store/library.ts';
import { indexedDbStore } from './store/storage/idb.ts';
import { listenForShareLinks, loadInitial } from './store/startup.ts';
import type { Route } from './tours/route.ts';

const prefersDark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
const store = createAppStore({ theme: prefersDark ? 'dark' : 'light' });
const { local, problem } = browserLocalStorage();
const library = createLibrary({
  local,
  bodies: indexedDbStore(),
  ...(problem === undefined ? {} : { localProblem: problem }),
});
library.open();
library.attach(store);
void loadInitial(store, window.location.hash, library);
listenForShareLinks(store, library);

/** The whole app, opening on `initial` (the route shown when it was first needed). */
export function BootedApp({ initial }: { initial: Route }) {
  return <App store={store} library={library} route={initial} />;
}
