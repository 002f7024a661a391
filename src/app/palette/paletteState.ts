/**
 * Whether the command palette is open: view state shared by the Ctrl+K handler, the buttons that
 * open it and the dialog (kept out of the app store: it is never part of a document or its history).
 */
import { create } from 'zustand';

interface PaletteState {
  readonly open: boolean;
  setOpen(open: boolean): void;
}

export const usePalette = create<PaletteState>()((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));
