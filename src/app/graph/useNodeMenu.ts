/** A node's actions menu: where it opens, closing it (focus back to its node) and running the picked action. */
import { useCallback, useState, type RefObject } from 'react';
import type { AppStore } from '../../store/createAppStore.ts';
import { focusActionForm } from '../actions/focusActionForm.ts';
import type { NodeAction } from './nodeActions.ts';

export interface MenuAt {
  readonly nodeId: string;
  readonly x: number;
  readonly y: number;
}

export function useNodeMenu(store: AppStore, svgRef: RefObject<SVGSVGElement | null>) {
  const [menu, setMenu] = useState<MenuAt | null>(null);
  const onMenu = useCallback((nodeId: string, x: number, y: number) => setMenu({ nodeId, x, y }), []);
  /** Focus the node `id` (or the graph's area when the node is gone). */
  const focusNode = (id: string | undefined) => {
    const g = [...(svgRef.current?.querySelectorAll<SVGGElement>('[data-node]') ?? [])].find(
      (n) => n.dataset['node'] === id,
    );
    if (g !== undefined) g.focus();
    else svgRef.current?.closest<HTMLElement>('#graph-area')?.focus();
  };
  const closeMenu = () => {
    const id = menu?.nodeId;
    setMenu(null);
    if (id) focusNode(id);
  };
  // Focus goes where the picked action continues: into the form it opened, or, for an action done in
  // place, back to the node (once the graph has re-rendered the command's state), never the page's top.
  const onPick = (a: NodeAction) => {
    const id = menu?.nodeId;
    setMenu(null);
    if (a.kind === 'apply') {
      store.getState().apply(a.command);
      window.setTimeout(() => focusNode(id), 0);
      return;
    }
    if (a.kind === 'form') store.getState().openForm(a.op, a.prefill);
    else store.getState().openIntent(a.intent, a.prefill);
    focusActionForm();
  };
  return { menu, setMenu, onMenu, closeMenu, onPick };
}
