/** A node's actions menu: where it opens, closing it (focus back to its node) and running the picked action. */
import { useCallback, useState, type RefObject } from 'react';
import type { AppStore } from '../../store/createAppStore.ts';
import type { NodeAction } from './nodeActions.ts';

export interface MenuAt {
  readonly nodeId: string;
  readonly x: number;
  readonly y: number;
}

export function useNodeMenu(store: AppStore, svgRef: RefObject<SVGSVGElement | null>) {
  const [menu, setMenu] = useState<MenuAt | null>(null);
  const onMenu = useCallback((nodeId: string, x: number, y: number) => setMenu({ nodeId, x, y }), []);
  const closeMenu = () => {
    const id = menu?.nodeId;
    setMenu(null);
    if (id)
      [...(svgRef.current?.querySelectorAll<SVGGElement>('[data-node]') ?? [])]
        .find((g) => g.dataset['node'] === id)
        ?.focus();
  };
  const onPick = (a: NodeAction) => {
    setMenu(null);
    if (a.kind === 'form') store.getState().openForm(a.op, a.prefill);
    else if (a.kind === 'intent') store.getState().openIntent(a.intent, a.prefill);
    else store.getState().apply(a.command);
  };
  return { menu, setMenu, onMenu, closeMenu, onPick };
}
