/** Root component: one store per app instance, handed down by context. */
import { useState } from 'react';
import { createAppStore, type AppStore } from '../store/createAppStore.ts';
import { StoreProvider } from '../store/StoreProvider.tsx';
import { Workbench } from './Workbench.tsx';
import './styles.css';

export function App({ store }: { store?: AppStore }) {
  const [value] = useState(() => store ?? createAppStore());
  return (
    <StoreProvider store={value}>
      <Workbench />
    </StoreProvider>
  );
}
