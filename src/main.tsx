import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { createAppStore } from './store/createAppStore.ts';
import { browserLocalStorage, createLibrary } from './store/library.ts';
import { indexedDbStore } from './store/storage/idb.ts';
import { listenForShareLinks, loadInitial, startupRoute } from './store/startup.ts';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

const prefersDark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
const store = createAppStore({ theme: prefersDark ? 'dark' : 'light' });
const { local, problem } = browserLocalStorage();
const library = createLibrary({
  local,
  bodies: indexedDbStore(),
  ...(problem === undefined ? {} : { localProblem: problem }),
});
library.open();
const route = startupRoute(window.location.hash, library);
library.attach(store);
void loadInitial(store, window.location.hash, library);
listenForShareLinks(store, library);

createRoot(container).render(
  <StrictMode>
    <App store={store} library={library} route={route} />
  </StrictMode>,
);
