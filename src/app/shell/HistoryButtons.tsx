/** Undo / redo over the op log (the cursor moves; the log is kept until a new command). */
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import {
  selectCanRedo,
  selectCanUndo,
  selectCursor,
  selectStepCount,
  selectUndoesLoad,
} from '../../store/selectors.ts';
import { useTourFocus } from '../tour/TourFocus.ts';

/** During a tour, Back and Next step it: Undo/Redo are off (they would move the state away from the text). */
const TOUR_OFF = 'During a tour, Back and Next step it; leave the tour (Esc) to undo';

export function HistoryButtons() {
  const store = useAppStoreApi();
  const canUndo = useAppStore(selectCanUndo);
  const canRedo = useAppStore(selectCanRedo);
  const cursor = useAppStore(selectCursor);
  const count = useAppStore(selectStepCount);
  const undoesLoad = useAppStore(selectUndoesLoad);
  const tour = useTourFocus();
  // Narrow screens show the arrows only; the accessible name keeps the word.
  return (
    <div className="button-group history" role="group" aria-label="History">
      <button
        type="button"
        data-testid="undo"
        aria-label="Undo"
        disabled={!canUndo || tour !== null}
        onClick={() => store.getState().undo()}
        title={
          tour !== null ? TOUR_OFF : undoesLoad ? 'Undo: bring back the previous scenario (Ctrl+Z)' : 'Undo (Ctrl+Z)'
        }
      >
        ↶<span className="wide-label"> Undo</span>
      </button>
      <button
        type="button"
        data-testid="redo"
        aria-label="Redo"
        disabled={!canRedo || tour !== null}
        onClick={() => store.getState().redo()}
        title={tour !== null ? TOUR_OFF : 'Redo (Ctrl+Shift+Z)'}
      >
        ↷<span className="wide-label"> Redo</span>
      </button>
      <span className="step-count" data-testid="step-count" aria-live="polite">
        {tour !== null ? `stop ${tour.stop} of ${tour.stops}` : `step ${cursor}/${count}`}
      </span>
    </div>
  );
}
