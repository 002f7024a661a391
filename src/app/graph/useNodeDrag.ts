/** Shift+drag moves a node (view state in the store): the drag reports screen px since it started, so keep the start position. */
import { useCallback, useRef, type RefObject } from 'react';
import type { Placed } from '../../layout/layered.ts';
import type { AppStore } from '../../store/createAppStore.ts';
import type { Transform } from './useZoom.ts';

/** `flow`: the layout's orientation, kept with the position (pinned.ts applies it only there). */
export function useNodeDrag(store: AppStore, latest: RefObject<Transform>, flow: 'down' | undefined) {
  const dragBase = useRef<{ id: string; placed: Placed } | null>(null);
  return useCallback(
    (p: Placed, dx: number, dy: number, done: boolean) => {
      if (dragBase.current?.id !== p.node.id) dragBase.current = { id: p.node.id, placed: p };
      const from = dragBase.current.placed;
      const k = latest.current.k;
      const at = { x: from.x + dx / k, y: from.y + dy / k };
      store.getState().moveNode(p.node.id, flow === undefined ? at : { ...at, flow });
      if (done) dragBase.current = null;
    },
    [store, latest, flow],
  );
}
