/** A node's actions menu: where it opens, closing it (focus back to its node) and running the picked action. */
import { useCallback, useState } from 'react';
import type { AppStore } from '../../store/createAppStore.ts';
import { focusActionForm } from '../actions/focusActionForm.ts';
import { focusGraph } from './focusGraph.ts';
import { focusNode, focusNodeNow } from './focusNode.ts';
import type { NodeAction } from './nodeActions.ts';

export interface MenuAt {
  readonly nodeId: string;
  readonly x: number;
  readonly y: number;
}

export function useNodeMenu(store: AppStore) {
  const [menu, setMenu] = useState<MenuAt | null>(null);
  const onMenu = useCallback((nodeId: string, x: number, y: number) => setMenu({ nodeId, x, y }), []);
  /** Focus the node `id` once the graph has re-rendered (its Tab stop when the node is gone). */
  const focusOn = (id: string | undefined, tries?: number) => (id ? focusNode(id, tries) : focusGraph());
  // Closed with nothing run (Escape, a click away): its node is there, so focus goes back at once.
  const closeMenu = () => {
    const id = menu?.nodeId;
    setMenu(null);
    if (id) focusNodeNow(id);
  };
  // Focus goes where the picked action continues: into the form it opened, or, for an action done in
  // place, back to the node (once the graph has re-rendered the command's state), never the page's top.
  const onPick = (a: NodeAction) => {
    const id = menu?.nodeId;
    setMenu(null);
    if (a.kind === 'apply') {
      store.getState().apply(a.command);
      // The command may have removed the node: look for it one frame, not the twenty of a reveal.
      focusOn(id, 1);
      return;
    }
    if (a.kind === 'form') store.getState().openForm(a.op, a.prefill);
    else store.getState().openIntent(a.intent, a.prefill);
    focusActionForm();
  };
  return { menu, setMenu, onMenu, closeMenu, onPick };
}
