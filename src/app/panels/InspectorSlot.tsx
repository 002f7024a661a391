/** The right panel: details of the selected object (src/app/tables/Inspector); shown only while something is selected. */
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { selectEngineState, selectSelection } from '../../store/selectors.ts';
import { Inspector } from '../tables/Inspector.tsx';

export function InspectorSlot() {
  const store = useAppStoreApi();
  const state = useAppStore(selectEngineState);
  const selection = useAppStore(selectSelection);
  return (
    <aside className="panel inspector-panel" aria-label="Inspector panel" data-testid="inspector">
      <div className="inspector-head">
        <span className="muted">Selected</span>
        <button
          type="button"
          className="icon-button"
          aria-label="Close the inspector"
          title="Close (clears the selection)"
          data-testid="inspector-close"
          onClick={() => store.getState().select(null)}
        >
          ✕
        </button>
      </div>
      <Inspector state={state} selectedId={selection} />
    </aside>
  );
}
