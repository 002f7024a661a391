import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { createAppStore } from './store/createAppStore.ts';
import { persistTo } from './store/persist.ts';
import { loadInitial, startupRoute } from './store/startup.ts';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

const prefersDark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
const store = createAppStore({ theme: prefersDark ? 'dark' : 'light' });
const route = startupRoute(window.location.hash);
loadInitial(store, window.location.hash);
persistTo(store);

createRoot(container).render(
  <StrictMode>
    <App store={store} route={route} />
  </StrictMode>,
);
