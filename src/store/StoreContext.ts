/** The app store's React context, apart from StoreProvider so that pages without the store (the landing) need no engine. */
import { createContext } from 'react';
import type { AppStore } from './createAppStore.ts';

export const StoreContext = createContext<AppStore | null>(null);
