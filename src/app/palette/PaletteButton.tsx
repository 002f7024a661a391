/** Opens the command palette for mouse users; `compact` is the header's small icon-and-key form. */
import { usePalette } from './paletteState.ts';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const PALETTE_KEYS = isMac ? '⌘K' : 'Ctrl+K';

export function PaletteButton({ compact = true }: { compact?: boolean }) {
  return (
    <button
      type="button"
      className="palette-button"
      data-testid={compact ? 'palette-button' : 'palette-button-panel'}
      aria-keyshortcuts="Control+K Meta+K"
      // The accessible name must contain the visible text (WCAG 2.5.3 label in name).
      aria-label={compact ? `Find an action (${PALETTE_KEYS})` : undefined}
      title={`Find an action or op (${PALETTE_KEYS})`}
      onClick={() => usePalette.getState().setOpen(true)}
    >
      {compact ? <kbd>{PALETTE_KEYS}</kbd> : <>Find… <kbd>{PALETTE_KEYS}</kbd></>}
    </button>
  );
}
