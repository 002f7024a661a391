/** The whole app rendered on a fresh store, by default on the seed scenario (three WQs), for component tests. */
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/app/App.tsx';
import threeWqs from '../../src/scenarios/three-wqs.json';
import { createAppStore } from '../../src/store/createAppStore.ts';

export function renderApp({ seed = true, selection }: { seed?: boolean; selection?: string | null } = {}) {
  const store = createAppStore();
  if (seed) store.getState().loadScenario(JSON.stringify(threeWqs));
  if (selection !== undefined) store.getState().select(selection);
  const user = userEvent.setup();
  render(<App store={store} />);
  return { store, user };
}
