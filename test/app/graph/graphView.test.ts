/** The graph's view store: reveal requests keep counting up across a reset (Fit), so none is dropped. */
import { describe, expect, it } from 'vitest';
import { createGraphViewStore } from '../../../src/app/graph/graphView.ts';

describe('graphView store', () => {
  it('numbers reveal requests past a reset', () => {
    const store = createGraphViewStore();
    store.getState().revealNode('vm:vm1');
    store.getState().revealNode('vm:vm2');
    store.getState().reset();
    expect(store.getState().reveal).toBeNull();
    store.getState().revealNode('mdev:mdev3');
    expect(store.getState().reveal).toEqual({ nodeId: 'mdev:mdev3', seq: 3 });
  });
});
