/** The kept documents (store/library.ts) handed to the header components; null outside <App>. */
import { createContext, useContext } from 'react';
import type { Library } from './library.ts';

export const LibraryContext = createContext<Library | null>(null);

export function useLibrary(): Library | null {
  return useContext(LibraryContext);
}
