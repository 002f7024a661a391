/**
 * A request to open the Walk tab at a given step for one DMA result (the explainer's Reproduce opens
 * the walk at the failing read). Keyed by the result object, so a later DMA opens at its start as usual.
 */
import { useSyncExternalStore } from 'react';

let focus: { readonly result: object; readonly step: number } | null = null;
const listeners = new Set<() => void>();

export function requestWalkStep(result: object, step: number): void {
  focus = { result, step };
  for (const l of listeners) l();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Forget the request (component tests share one module graph, test/setup-dom.ts). */
export function clearWalkStepRequest(): void {
  focus = null;
}

/** The step requested for this result, if any. */
export function useRequestedWalkStep(result: object | null | undefined): number | undefined {
  const f = useSyncExternalStore(
    subscribe,
    () => focus,
    () => focus,
  );
  return f !== null && result != null && f.result === result ? f.step : undefined;
}
