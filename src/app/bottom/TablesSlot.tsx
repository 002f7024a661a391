/** The Tables tab: the IOMMU tables of the selection (src/app/tables). */
import { Suspense } from 'react';
import { useAppStore } from '../../store/StoreProvider.tsx';
import { selectEngineState, selectSelection } from '../../store/selectors.ts';
import { TablesView } from '../panels/lazyPanels.ts';
import { Loading } from '../shell/Loading.tsx';

export function TablesSlot() {
  const state = useAppStore(selectEngineState);
  const selection = useAppStore(selectSelection);
  return (
    <div data-testid="tables-tab">
      <Suspense fallback={<Loading what="panel" />}>
        <TablesView state={state} selectedId={selection} />
      </Suspense>
    </div>
  );
}
