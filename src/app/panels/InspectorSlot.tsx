/** The right panel: details of the selected object (src/app/tables/Inspector); shown only while something is selected. */
import { Suspense, useCallback } from 'react';
import type { RelatedItem } from '../../engine/inspect/related.ts';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { selectEngineState, selectSelection } from '../../store/selectors.ts';
import { centreOnNode } from '../graph/centreOnNode.ts';
import { Loading } from '../shell/Loading.tsx';
import { Inspector, RelatedList } from './lazyPanels.ts';

export function InspectorSlot() {
  const store = useAppStoreApi();
  const state = useAppStore(selectEngineState);
  const selection = useAppStore(selectSelection);
  const onPick = useCallback(
    (item: RelatedItem) => {
      store.getState().select(item.ref);
      centreOnNode(item.nodeId);
    },
    [store],
  );
  return (
    <aside className="panel inspector-panel" aria-label="Inspector panel" data-testid="inspector">
      <div className="inspector-head">
        {/* The object's h3 (tables/Inspector) sits under it. */}
        <h2 className="muted">Selected</h2>
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
      <Suspense fallback={<Loading what="panel" />}>
        <Inspector state={state} selectedId={selection} />
        <RelatedList state={state} selectedId={selection} onPick={onPick} />
      </Suspense>
    </aside>
  );
}
