/** Hands one app store to React through context (xyflow shape), with one selector hook. */
import { useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createAppStore, type AppState, type AppStore } from './createAppStore.ts';
import { StoreContext } from './StoreContext.ts';

export function StoreProvider({ store, children }: { store?: AppStore; children: ReactNode }) {
  const [value] = useState(() => store ?? createAppStore());
  return <StoreContext.Provider value={value}>{children}</StoreContext.Provider>;
}

/** The store itself (for actions and imperative reads in event handlers). */
export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (store === null) throw new Error('useAppStore must be used inside <StoreProvider>');
  return store;
}

/** Subscribe to a slice of the app state; pass a module-level selector (or useShallow for objects). */
export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(useAppStoreApi(), selector);
}
