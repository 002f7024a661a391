/**
 * The command palette's view state, shared by the Ctrl+K handler, the buttons that open it and the
 * dialog (kept out of the app store: it is never part of a document or its history). The query lives
 * here, not in the dialog, so that keys typed between Ctrl+K and the dialog's input taking focus (its
 * chunk loads on first open) join the query instead of being lost or typed into the form behind.
 */
import { create } from 'zustand';

interface PaletteState {
  readonly open: boolean;
  readonly query: string;
  /** Opening or closing starts the next opening with a blank query. */
  setOpen(open: boolean): void;
  setQuery(query: string): void;
  /** A key pressed while the palette's input does not have focus yet: a printable character or Backspace. */
  typeAhead(key: string): void;
}

export const usePalette = create<PaletteState>()((set) => ({
  open: false,
  query: '',
  setOpen: (open) => set({ open, query: '' }),
  setQuery: (query) => set({ query }),
  typeAhead: (key) => set((s) => ({ query: key === 'Backspace' ? s.query.slice(0, -1) : s.query + key })),
}));
