/** The Tables tab: the IOMMU tables of the selection (src/app/tables). */
import { useAppStore } from '../../store/StoreProvider.tsx';
import { selectEngineState, selectSelection } from '../../store/selectors.ts';
import { TablesView } from '../tables/TablesView.tsx';

export function TablesSlot() {
  const state = useAppStore(selectEngineState);
  const selection = useAppStore(selectSelection);
  return (
    <div data-testid="tables-tab">
      <TablesView state={state} selectedId={selection} />
    </div>
  );
}
