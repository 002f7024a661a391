/** Header "Views ▾" menu: topology and walk as SVG/PNG, a Markdown summary, and a diff with an earlier step. */
import { useEffect, useRef, useState } from 'react';
import { markdownSummary } from '../../engine/report/markdown.ts';
import { currentState } from '../../store/createAppStore.ts';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { selectLastDma } from '../../store/selectors.ts';
import { DiffPanel } from './DiffPanel.tsx';
import { downloadBlob, downloadText, svgToPng } from './download.ts';
import { serializeSvg, type SerializedSvg } from './serializeSvg.ts';
import { walkSvgOf } from './walkExport.ts';
import './export.css';

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

/** The graph's `<svg>` serialised; `whole` fits the view first so no node is culled off screen. */
async function topologySvg(whole: boolean): Promise<SerializedSvg | null> {
  if (whole) {
    document.querySelector<HTMLButtonElement>('[data-testid="fit-view"]')?.click();
    await nextFrame();
    await nextFrame();
  }
  const svg = document.querySelector<SVGSVGElement>('[data-testid="graph-svg"]');
  return svg === null ? null : serializeSvg(svg, { mode: whole ? 'whole' : 'view' });
}

export function ExportMenu() {
  const store = useAppStoreApi();
  const hasDma = useAppStore(selectLastDma) !== null;
  const [open, setOpen] = useState(false);
  // The header scrolls sideways, so the list is fixed-positioned under the button, kept on screen.
  const [at, setAt] = useState({ top: 0, left: 0 });
  const [whole, setWhole] = useState(true);
  const [diff, setDiff] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const run = (what: () => Promise<void> | void) => async () => {
    setOpen(false);
    try {
      await what();
      setNote(null);
    } catch (e) {
      setNote(`Export failed: ${(e as Error).message}`);
    }
  };

  const topoSvg = run(async () => {
    const s = await topologySvg(whole);
    if (s === null) throw new Error('no graph on screen');
    downloadText(s.text, 'pasid-atlas-topology.svg', 'image/svg+xml');
  });
  const topoPng = run(async () => {
    const s = await topologySvg(whole);
    if (s === null) throw new Error('no graph on screen');
    downloadBlob(await svgToPng(s.text, s.width, s.height, 2), 'pasid-atlas-topology.png');
  });
  const walk = () => {
    const s = store.getState();
    const w = walkSvgOf(currentState(s), s.lastDma, s.theme);
    if (w === null) throw new Error('no DMA yet');
    return w;
  };
  const walkSvgFile = run(() => downloadText(walk().svg, 'pasid-atlas-walk.svg', 'image/svg+xml'));
  const walkPng = run(async () => {
    const w = walk();
    downloadBlob(await svgToPng(w.svg, w.width, w.height, 2), 'pasid-atlas-walk.png');
  });
  const summary = run(() => {
    const s = store.getState();
    downloadText(markdownSummary(currentState(s), s.title, { cursor: s.cursor, count: s.steps.length }), 'pasid-atlas-summary.md', 'text/markdown');
  });

  return (
    <div className="export-menu" ref={rootRef}>
      <button type="button" aria-expanded={open} aria-controls="export-menu-list" data-testid="export-menu" onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          setAt({ top: r.bottom + 4, left: Math.max(4, Math.min(r.left, window.innerWidth - 260)) });
          setOpen(!open);
        }}>
        Views ▾
      </button>
      {open && (
        <div id="export-menu-list" className="export-menu-list" role="group" aria-label="Export views" style={at}>
          <label className="export-option">
            <input type="checkbox" checked={whole} onChange={(e) => setWhole(e.target.checked)} data-testid="export-whole" /> Whole graph (fit first)
          </label>
          <button type="button" data-testid="export-topology-svg" onClick={() => void topoSvg()}>
            Export topology SVG
          </button>
          <button type="button" data-testid="export-topology-png" onClick={() => void topoPng()}>
            Export topology PNG
          </button>
          <button type="button" data-testid="export-walk-svg" disabled={!hasDma} onClick={() => void walkSvgFile()}>
            Export walk SVG
          </button>
          <button type="button" data-testid="export-walk-png" disabled={!hasDma} onClick={() => void walkPng()}>
            Export walk PNG
          </button>
          <button type="button" data-testid="export-markdown" onClick={() => void summary()}>
            Export Markdown summary
          </button>
          <button
            type="button"
            data-testid="export-diff"
            onClick={() => {
              setOpen(false);
              setDiff(true);
            }}
          >
            Diff with…
          </button>
        </div>
      )}
      {note !== null && (
        <span className="note" role="status">
          {note}
        </span>
      )}
      {diff && <DiffPanel onClose={() => setDiff(false)} />}
    </div>
  );
}
