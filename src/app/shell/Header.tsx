/**
 * The app header: one line of fixed height at every width. What does not fit a narrow screen
 * moves into the "⋯" menu (CSS `.wide-only` / `.narrow-only`, shell/header.css); the document
 * title and the status note shrink first.
 */
import { useAppStore } from '../../store/StoreProvider.tsx';
import { selectTitle } from '../../store/selectors.ts';
import { DocumentsMenu } from './DocumentsMenu.tsx';
import { ExportMenu } from '../export/ExportMenu.tsx';
import { PaletteButton } from '../palette/PaletteButton.tsx';
import { HistoryButtons } from './HistoryButtons.tsx';
import { LearnMenu } from './LearnMenu.tsx';
import { MoreMenu } from './MoreMenu.tsx';
import { ScenarioPicker } from './ScenarioPicker.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';
import { useFileActions } from './useFileActions.ts';
import { useTourFocus } from '../tour/TourFocus.ts';
import './header.css';

export function Header() {
  const docTitle = useAppStore(selectTitle);
  // A tour names itself here while it runs; leaving it shows the document's title again.
  const tour = useTourFocus();
  const title = tour === null ? docTitle : `Tour: ${tour.tourTitle}`;
  const files = useFileActions();
  return (
    <header className="app-header">
      <h1>PASID Atlas</h1>
      <span className="doc-title" data-testid="doc-title" title={title}>
        {title}
      </span>
      <span className="header-status">
        {files.note !== null && (
          <span className="note" role="status" data-testid="file-note" title={files.note}>
            {files.note}
          </span>
        )}
      </span>
      <HistoryButtons />
      <PaletteButton />
      <DocumentsMenu />
      <div className="wide-only">
        <ScenarioPicker />
      </div>
      <button
        type="button"
        className="wide-only"
        data-testid="share"
        title="Copy a link that holds the whole scenario"
        onClick={() => void files.share()}
      >
        Share link
      </button>
      <ExportMenu onExportFile={files.exportFile} />
      <LearnMenu />
      <ThemeToggle />
      <MoreMenu files={files} />
      <input
        id="import-file"
        ref={files.fileRef}
        className="visually-hidden"
        type="file"
        tabIndex={-1}
        aria-label="Import a scenario file"
        accept=".json,application/json"
        data-testid="import-file"
        onChange={(e) => void files.importFile(e.target.files?.[0])}
      />
    </header>
  );
}
