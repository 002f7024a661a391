/**
 * The one Export menu: the scenario file, the topology and walk as SVG/PNG, a Markdown summary,
 * and a diff with an earlier step. (Import, share and reset live beside it in the header.)
 */
import { lazy, Suspense, useState } from 'react';
import { currentState } from '../../store/createAppStore.ts';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { selectLastDma } from '../../store/selectors.ts';
import { MenuButton } from '../shell/MenuButton.tsx';
import { Loading } from '../shell/Loading.tsx';
import { downloadBlob, downloadText, svgToPng } from './download.ts';
import './export.css';

// The exporters load on first use (issue 11: they are not part of the workbench's first paint).
const DiffPanel = lazy(() => import('./DiffPanel.tsx').then((m) => ({ default: m.DiffPanel })));

export function ExportMenu({ onExportFile }: { onExportFile: () => void }) {
  const store = useAppStoreApi();
  const hasDma = useAppStore(selectLastDma) !== null;
  const [diff, setDiff] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  // A download happens in place: the menu closes and focus goes back to Export.
  const run = (close: (refocus?: boolean) => void, what: () => Promise<void> | void) => async () => {
    close(true);
    try {
      await what();
      setNote(null);
    } catch (e) {
      setNote(`Export failed: ${(e as Error).message}`);
    }
  };
  const topology = async () => (await import('./topologyExport.ts')).topologySvg(store.getState());
  const walk = async () => {
    const s = store.getState();
    const w = (await import('./walkExport.ts')).walkSvgOf(currentState(s), s.lastDma, s.theme);
    if (w === null) throw new Error('no DMA yet');
    return w;
  };

  return (
    <>
      <MenuButton label="Export ▾" name="Export" testId="export-menu">
        {(close) => (
          <>
            <p className="menu-heading">Scenario</p>
            <button type="button" data-testid="export" onClick={() => void run(close, onExportFile)()}>
              Scenario file (.json)
            </button>
            <p className="menu-heading">Images (whole graph, full labels, legend)</p>
            <button
              type="button"
              data-testid="export-topology-svg"
              onClick={() =>
                void run(close, async () =>
                  downloadText((await topology()).text, 'pasid-atlas-topology.svg', 'image/svg+xml'),
                )()
              }
            >
              Topology SVG
            </button>
            <button
              type="button"
              data-testid="export-topology-png"
              onClick={() =>
                void run(close, async () => {
                  const s = await topology();
                  downloadBlob(await svgToPng(s.text, s.width, s.height, 2), 'pasid-atlas-topology.png');
                })()
              }
            >
              Topology PNG
            </button>
            <button
              type="button"
              data-testid="export-walk-svg"
              disabled={!hasDma}
              onClick={() =>
                void run(close, async () => downloadText((await walk()).svg, 'pasid-atlas-walk.svg', 'image/svg+xml'))()
              }
            >
              Walk SVG
            </button>
            <button
              type="button"
              data-testid="export-walk-png"
              disabled={!hasDma}
              onClick={() =>
                void run(close, async () => {
                  const w = await walk();
                  downloadBlob(await svgToPng(w.svg, w.width, w.height, 2), 'pasid-atlas-walk.png');
                })()
              }
            >
              Walk PNG
            </button>
            <p className="menu-heading">Review</p>
            <button
              type="button"
              data-testid="export-markdown"
              onClick={() =>
                void run(close, async () => {
                  const s = store.getState();
                  const { markdownSummary } = await import('../../engine/report/markdown.ts');
                  downloadText(
                    markdownSummary(currentState(s), s.title, { cursor: s.cursor, count: s.steps.length }),
                    'pasid-atlas-summary.md',
                    'text/markdown',
                  );
                })()
              }
            >
              Markdown summary
            </button>
            <button
              type="button"
              data-testid="export-diff"
              onClick={() => {
                close(true);
                setDiff(true);
              }}
            >
              Diff with an earlier step…
            </button>
          </>
        )}
      </MenuButton>
      {note !== null && (
        <span className="note" role="status">
          {note}
        </span>
      )}
      {diff && (
        <Suspense fallback={<Loading what="panel" />}>
          <DiffPanel onClose={() => setDiff(false)} />
        </Suspense>
      )}
    </>
  );
}
