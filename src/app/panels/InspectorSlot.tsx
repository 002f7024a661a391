/** The right panel: details of the selected object (src/app/tables/Inspector). */
import { useAppStore } from '../../store/StoreProvider.tsx';
import { selectEngineState, selectSelection } from '../../store/selectors.ts';
import { Inspector } from '../tables/Inspector.tsx';

export function InspectorSlot() {
  const state = useAppStore(selectEngineState);
  const selection = useAppStore(selectSelection);
  return (
    <aside className="panel inspector-panel" aria-label="Inspector panel" data-testid="inspector">
      <Inspector state={state} selectedId={selection} />
    </aside>
  );
}
