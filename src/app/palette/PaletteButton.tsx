/** Opens the command palette for mouse users; `compact` is the header's small icon-and-key form. */
import { usePalette } from './paletteState.ts';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);
export const PALETTE_KEYS = isMac ? '⌘K' : 'Ctrl+K';

export function PaletteButton({ compact = true }: { compact?: boolean }) {
  return (
    <button
      type="button"
      className="palette-button"
      data-testid={compact ? 'palette-button' : 'palette-button-panel'}
      aria-keyshortcuts="Control+K Meta+K"
      title={`Find an action or op (${PALETTE_KEYS})`}
      onClick={() => usePalette.getState().setOpen(true)}
    >
      {/* Named by its content, so the name holds the visible keys (WCAG 2.5.3 label in name). */}
      {compact ? (
        <>
          <span className="visually-hidden">Find an action </span>
          <kbd>{PALETTE_KEYS}</kbd>
        </>
      ) : (
        <>
          Find… <kbd>{PALETTE_KEYS}</kbd>
        </>
      )}
    </button>
  );
}
