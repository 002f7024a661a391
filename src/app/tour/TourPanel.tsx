/**
 * The tour panel (the workbench's side column during a tour): where we are, the stop's text with
 * glossary terms, an optional question, the kernel log line of a fault, and the stop controls.
 * Each stop is a cursor position in the app store's op log (src/tours/session.ts).
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { selectEngineState, selectLastDma } from '../../store/selectors.ts';
import { dmarFaultLine } from '../../tours/dmarLog.ts';
import { TOURS, type Tour } from '../../tours/index.ts';
import { tourExerciseSeed } from '../exercise/exerciseLinks.ts';
import { showStop } from '../../tours/session.ts';
import type { Navigate } from './useHashRoute.ts';
import { highlightCss } from './highlightCss.ts';
import { TourText } from './TourText.tsx';
import { useTourKeys } from './useTourKeys.ts';

export interface TourPanelProps {
  readonly tour: Tour;
  /** 0-based stop index. */
  readonly stop: number;
  readonly navigate: Navigate;
  /** Walk step indexes (into the last DMA's walk) this stop highlights. */
  readonly walkSteps: readonly number[];
}

export function TourPanel({ tour, stop, navigate, walkSteps }: TourPanelProps) {
  const store = useAppStoreApi();
  const state = useAppStore(selectEngineState);
  const lastDma = useAppStore(selectLastDma);
  const index = Math.max(0, Math.min(tour.stops.length - 1, stop));
  const current = tour.stops[index]!;
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    showStop(store, tour, index);
  }, [store, tour, index]);

  const go = useCallback(
    (i: number) => navigate({ view: 'tour', tour: tour.id, stop: i + 1 }, { replace: true }),
    [navigate, tour.id],
  );
  const next = useCallback(() => {
    if (index < tour.stops.length - 1) go(index + 1);
  }, [go, index, tour.stops.length]);
  const prev = useCallback(() => {
    if (index > 0) go(index - 1);
  }, [go, index]);
  const leave = useCallback(() => navigate({ view: 'workbench' }), [navigate]);
  useTourKeys({ next, prev, leave });

  const log = current.kernelLog && lastDma ? dmarFaultLine(state, lastDma.request, lastDma.result) : null;
  const css = useMemo(
    () => highlightCss(current.highlight.nodes, current.highlight.edges, walkSteps),
    [current, walkSteps],
  );
  const last = index === tour.stops.length - 1;

  return (
    <aside className="tour-panel" aria-labelledby="tour-stop-title" data-testid="tour-panel">
      <style>{css}</style>
      <p className="tour-kicker">
        <a href="#tours">Tours</a> › {tour.title}
      </p>
      <p className="tour-counter" data-testid="tour-counter" aria-live="polite">
        Stop {index + 1} of {tour.stops.length}
      </p>
      <h2 id="tour-stop-title" ref={heading} className="tour-title" data-testid="tour-stop-title">
        {current.title}
      </h2>
      <div className="tour-body">
        <p className="tour-text">
          <TourText text={current.text} />
        </p>
        {log !== null && (
          <figure className="tour-log">
            <figcaption>Kernel log (approximate)</figcaption>
            <pre data-testid="tour-kernel-log">{log}</pre>
          </figure>
        )}
        {current.question && (
          <details className="tour-question" key={`${tour.id}-${index}`}>
            <summary>
              <TourText text={current.question.q} /> <span className="tour-reveal">Show answer</span>
            </summary>
            <p>
              <TourText text={current.question.a} />
            </p>
          </details>
        )}
      </div>
      {last ? (
        <p className="tour-next-steps" data-testid="tour-end-links">
          Practise it:{' '}
          <a
            href={`#exercise=${tourExerciseSeed(TOURS.findIndex((t) => t.id === tour.id))}`}
            data-testid="tour-exercise"
          >
            try an exercise
          </a>{' '}
          (where does a DMA land?) or <a href="#tours">pick another tour</a>.
        </p>
      ) : null}
      <nav className="tour-controls" aria-label="Tour stops">
        <button
          type="button"
          onClick={prev}
          disabled={index === 0}
          data-testid="tour-prev"
          aria-keyshortcuts="ArrowLeft K"
        >
          ← Back
        </button>
        {last ? (
          <button type="button" className="primary" onClick={leave} data-testid="tour-finish">
            Keep editing →
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={next}
            data-testid="tour-next"
            aria-keyshortcuts="ArrowRight J"
          >
            Next →
          </button>
        )}
      </nav>
      <p className="tour-hint">
        Keys: → or J next, ← or K back, Esc leaves the tour and keeps this state.{' '}
        <button type="button" className="linklike" onClick={leave} data-testid="tour-leave" aria-keyshortcuts="Escape">
          Open in workbench
        </button>
      </p>
    </aside>
  );
}
