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
  return (
    <div className="button-group" role="group" aria-label="History">
      <button type="button" data-testid="undo" disabled={!canUndo} onClick={() => store.getState().undo()} title={undoesLoad ? 'Undo: bring back the previous scenario (Ctrl+Z)' : 'Undo (Ctrl+Z)'}>
        ↶ Undo
      </button>
      <button type="button" data-testid="redo" disabled={!canRedo} onClick={() => store.getState().redo()} title="Redo (Ctrl+Shift+Z)">
        ↷ Redo
      </button>
      <span className="step-count" data-testid="step-count" aria-live="polite">
        step {cursor}/{count}
      </span>
    </div>
  );
}
