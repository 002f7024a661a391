/**
 * Engine states cross from the loader worker by structured clone, which keeps data (Maps, typed
 * arrays, shared references within one message) but not classes. The engine's state holds three
 * classes (the frame table, the IOTLB, the optional extra caches); reviving sets their prototypes
 * back. test/store/revive.test.ts checks that no other class appears in a state, so a new one in the
 * engine fails that test instead of failing in the browser.
 */
import { EntryCaches, FrameMap, Iotlb, type EngineState } from '../../engine/index.ts';

/** The classes a state may hold (by constructor), besides plain objects, arrays, Map, Set and typed arrays. */
export const STATE_CLASSES: readonly (abstract new (...args: never[]) => unknown)[] = [FrameMap, Iotlb, EntryCaches];

const revived = new WeakSet();

/** Give a structured-cloned state its classes back (in place; idempotent). */
export function reviveState(state: EngineState): EngineState {
  if (revived.has(state)) return state;
  Object.setPrototypeOf(state.memory.frames, FrameMap.prototype);
  Object.setPrototypeOf(state.iotlb, Iotlb.prototype);
  if (state.entryCaches !== null) {
    Object.setPrototypeOf(state.entryCaches, EntryCaches.prototype);
    for (const t of state.entryCaches.devtlb.values()) Object.setPrototypeOf(t, Iotlb.prototype);
  }
  revived.add(state);
  return state;
}
