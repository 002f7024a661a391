/**
 * The header's "⋯" menu: the less-used actions (import, reset) and, on narrow screens, what the
 * header has no room for (scenario picker, share link, the learning pages).
 */
import { DocumentsInMenu } from './DocumentsMenu.tsx';
import { usePalette } from '../palette/paletteState.ts';
import { MenuButton } from './MenuButton.tsx';
import { ScenarioPicker } from './ScenarioPicker.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';
import type { FileActions } from './useFileActions.ts';

export function MoreMenu({ files }: { files: FileActions }) {
  return (
    <MenuButton label="⋯" name="More actions" testId="more-menu">
      {(close) => (
        <>
          <DocumentsInMenu close={close} />
          <div className="narrow-only menu-section">
            <button
              type="button"
              className="narrowest-only"
              onClick={() => {
                close();
                usePalette.getState().setOpen(true);
              }}
            >
              Find an action…
            </button>
            <ScenarioPicker idSuffix="-menu" onPicked={() => close(true)} />
            <button type="button" onClick={() => void files.share().then(() => close(true))}>
              Copy share link
            </button>
            <a href="#tours">Tours</a>
            <a href="#glossary">Glossary</a>
            <a href="#compare">Compare</a>
            <ThemeToggle inMenu />
          </div>
          <button
            type="button"
            data-testid="import"
            onClick={() => {
              close();
              files.fileRef.current?.click();
            }}
          >
            Import a scenario file…
          </button>
          <button
            type="button"
            data-testid="reset"
            className="danger"
            title="Start from an empty workbench (Undo brings the document back)"
            onClick={() => {
              files.reset();
              close(true);
            }}
          >
            Reset to empty
          </button>
        </>
      )}
    </MenuButton>
  );
}
