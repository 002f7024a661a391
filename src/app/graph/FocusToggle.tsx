/**
 * The toolbar's "Focus" toggle (F; Esc leaves): dims every node not on the selection's paths. Its
 * status line tells screen readers what happened (what is focused, how many objects stay lit).
 */
import { useEffect, useState } from 'react';
import { useAppStore, useAppStoreApi } from '../../store/StoreProvider.tsx';
import { selectFocusMode, selectSelection } from '../../store/selectors.ts';
import './focusMode.css';
import { useFocusKeys, useFocusSet } from './useFocusMode.ts';

export function FocusToggle() {
  const store = useAppStoreApi();
  const on = useAppStore(selectFocusMode);
  const selection = useAppStore(selectSelection);
  const set = useFocusSet();
  useFocusKeys(store);
  const [said, setSaid] = useState('');
  const lit = set === null ? 0 : set.size - 1;
  useEffect(() => {
    if (on && selection !== null)
      setSaid(`Focus on ${selection}: ${lit} object${lit === 1 ? '' : 's'} on its paths, the rest dimmed. Esc leaves.`);
    else setSaid((prev) => (prev === '' ? '' : 'Focus mode off.'));
  }, [on, selection, lit]);
  return (
    <>
      <button
        type="button"
        aria-pressed={on}
        disabled={selection === null}
        aria-keyshortcuts="F"
        data-testid="focus-mode"
        title={
          selection === null
            ? 'Select a node to focus on its paths (F)'
            : `Centre ${selection} with its paths, dim the rest (F; Esc leaves)`
        }
        onClick={() => store.getState().setFocusMode(!on)}
      >
        Focus
      </button>
      <span aria-live="polite" className="visually-hidden" data-testid="focus-status">
        {said}
      </span>
    </>
  );
}
