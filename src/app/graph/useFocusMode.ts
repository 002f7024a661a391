/**
 * Focus mode's view side (issue 11): the set of node ids on the selection's paths while focus mode is
 * on (null otherwise), and its keys. Which objects lie on a path is the engine's answer
 * (engine/inspect/paths.ts); the graph only dims what is not in the set.
 */
import { useEffect, useMemo } from 'react';
import { focusSetOfRef } from '../../engine/inspect/paths.ts';
import type { AppStore } from '../../store/createAppStore.ts';
import { useAppStore } from '../../store/StoreProvider.tsx';
import { selectEngineState, selectFocusMode, selectSelection } from '../../store/selectors.ts';

/** The node ids to keep lit, or null when focus mode is off (or the selection names nothing). */
export function useFocusSet(): ReadonlySet<string> | null {
  const on = useAppStore(selectFocusMode);
  const state = useAppStore(selectEngineState);
  const selection = useAppStore(selectSelection);
  return useMemo(() => (on ? focusSetOfRef(state, selection) : null), [on, state, selection]);
}

function typing(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  return el instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit'].includes(el.type);
}

/**
 * F toggles focus mode on the selection, Esc leaves it — unless typing in a field, a modifier is
 * held, or a menu or dialog has the key (their own Esc closes them first).
 */
export function useFocusKeys(store: AppStore): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || typing(document.activeElement)) return;
      const inPopup = e.target instanceof Element && e.target.closest('[role="menu"], [role="dialog"]') !== null;
      const s = store.getState();
      if ((e.key === 'f' || e.key === 'F') && !inPopup && s.selection !== null) s.setFocusMode(!s.focusMode);
      else if (e.key === 'Escape' && !inPopup && s.focusMode) s.setFocusMode(false);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}

/**
 * The clusters that stay lit in focus mode: those holding an object of the focus set, so a closed
 * VM or device cluster on the focused object's paths stands out in the overview. Null when off.
 */
export function litClustersOf(
  set: ReadonlySet<string> | null,
  clusterOf: ReadonlyMap<string, string>,
): ReadonlySet<string> | null {
  if (set === null) return null;
  const out = new Set<string>();
  for (const id of set) {
    const c = clusterOf.get(id);
    if (c !== undefined) out.add(c);
  }
  return out;
}

/** A bundled edge stays lit when one of the links it stands for joins two objects of the focus set. */
export function bundleLit(
  edges: readonly { readonly source: string; readonly target: string }[],
  set: ReadonlySet<string>,
) {
  return edges.some((e) => set.has(e.source) && set.has(e.target));
}
