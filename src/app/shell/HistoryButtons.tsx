/** Undo / redo over the op log (the cursor moves; the log is kept until a new command). */
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { selectCanRedo, selectCanUndo, selectCursor, selectStepCount, selectUndoesLoad } from '../../store/selectors.ts';

export function HistoryButtons() {
  const store = useAppStoreApi();
  const canUndo = useAppStore(selectCanUndo);
  const canRedo = useAppStore(selectCanRedo);
  const cursor = useAppStore(selectCursor);
  const count = useAppStore(selectStepCount);
  const undoesLoad = useAppStore(selectUndoesLoad);
  // Narrow screens show the arrows only; the accessible name keeps the word.
  return (
    <div className="button-group history" role="group" aria-label="History">
      <button type="button" data-testid="undo" aria-label="Undo" disabled={!canUndo} onClick={() => store.getState().undo()} title={undoesLoad ? 'Undo: bring back the previous scenario (Ctrl+Z)' : 'Undo (Ctrl+Z)'}>
        ↶<span className="wide-label"> Undo</span>
      </button>
      <button type="button" data-testid="redo" aria-label="Redo" disabled={!canRedo} onClick={() => store.getState().redo()} title="Redo (Ctrl+Shift+Z)">
        ↷<span className="wide-label"> Redo</span>
      </button>
      <span className="step-count" data-testid="step-count" aria-live="polite">
        step {cursor}/{count}
      </span>
    </div>
  );
}
