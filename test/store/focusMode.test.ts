/** Focus mode is view state: it needs a selection, ends with it, and never touches the log. */
import { describe, expect, it } from 'vitest';
import threeWqs from '../../src/scenarios/three-wqs.json';
import { createAppStore } from '../../src/store/createAppStore.ts';
import { selectFocusMode } from '../../src/store/selectors.ts';

describe('focus mode', () => {
  it('needs a selection, follows it, and ends when the selection is cleared', () => {
    const store = createAppStore();
    store.getState().loadScenario(JSON.stringify(threeWqs));
    const steps = store.getState().steps;
    store.getState().setFocusMode(true);
    expect(selectFocusMode(store.getState())).toBe(false);
    store.getState().select('vm1');
    store.getState().setFocusMode(true);
    expect(selectFocusMode(store.getState())).toBe(true);
    store.getState().select('mdev2');
    expect(selectFocusMode(store.getState())).toBe(true);
    store.getState().select(null);
    expect(store.getState().focusMode).toBe(false);
    expect(store.getState().steps).toBe(steps);
    expect(store.getState().cursor).toBe(steps.length);
  });

  it('a new document starts without focus', () => {
    const store = createAppStore();
    store.getState().loadScenario(JSON.stringify(threeWqs));
    store.getState().select('vm1');
    store.getState().setFocusMode(true);
    store.getState().loadScenario(JSON.stringify(threeWqs));
    expect(store.getState().focusMode).toBe(false);
  });
});
