/** The app header: title, scenario picker, history, file actions, theme. */
import { useAppStore } from '../../store/StoreProvider.tsx';
import { selectTitle } from '../../store/selectors.ts';
import { ExportMenu } from '../export/ExportMenu.tsx';
import { FileButtons } from './FileButtons.tsx';
import { HistoryButtons } from './HistoryButtons.tsx';
import { ScenarioPicker } from './ScenarioPicker.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';

export function Header() {
  const title = useAppStore(selectTitle);
  return (
    <header className="app-header">
      <h1>PASID Atlas</h1>
      <span className="doc-title" data-testid="doc-title" title={title}>
        {title}
      </span>
      <ScenarioPicker />
      <HistoryButtons />
      <FileButtons />
      <ExportMenu />
      <nav className="header-links" aria-label="Learn">
        <a href="#tours" data-testid="nav-tours">Tours</a> <a href="#glossary">Glossary</a> <a href="#compare" data-testid="nav-compare">Compare</a>
      </nav>
      <ThemeToggle />
    </header>
  );
}
