/** The right panel. PLACEHOLDER until src/app/tables/Inspector.tsx lands: shows the selection only. */
import { useAppStore } from '../../store/StoreProvider.tsx';
import { selectSelection } from '../../store/selectors.ts';

export function InspectorSlot() {
  const selection = useAppStore(selectSelection);
  return (
    <section className="panel inspector" aria-labelledby="inspector-title" data-testid="inspector">
      <h2 id="inspector-title">Inspector</h2>
      <p data-testid="inspector-selection">{selection === null ? 'Select a node in the graph.' : `Selected: ${selection}`}</p>
    </section>
  );
}
