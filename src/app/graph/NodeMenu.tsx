/**
 * The context menu of a node: its relevant actions as menu items; Escape closes and refocuses. Its
 * own chunk with nodeActions (panels/lazyPanels.ts): a menu is opened after the first paint, if ever.
 */
import { useEffect, useRef } from 'react';
import type { EngineState } from '../../engine/index.ts';
import type { TopoNode } from '../../engine/inspect/topology.ts';
import { nodeActions, type NodeAction } from './nodeActions.ts';

interface Props {
  readonly state: EngineState;
  readonly node: TopoNode;
  readonly left: number;
  readonly top: number;
  readonly onPick: (action: NodeAction) => void;
  readonly onClose: () => void;
}

export function NodeMenu({ state, node, left, top, onPick, onClose }: Props) {
  const title = `${node.kind} ${node.label}`;
  const actions = nodeActions(state, node);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector('button')?.focus();
  }, []);
  const onKeyDown = (e: React.KeyboardEvent) => {
    const items = [...(ref.current?.querySelectorAll('button') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') onClose();
    else if (e.key === 'ArrowDown') items[(i + 1) % items.length]?.focus();
    else if (e.key === 'ArrowUp') items[(i - 1 + items.length) % items.length]?.focus();
    else return;
    e.preventDefault();
  };
  return (
    <div
      ref={ref}
      className="node-menu"
      role="menu"
      aria-label={`Actions for ${title}`}
      style={{ left, top }}
      onKeyDown={onKeyDown}
      data-testid="node-menu"
    >
      <div className="node-menu-title">{title}</div>
      {actions.map((a) => (
        <button key={a.label} type="button" role="menuitem" onClick={() => onPick(a)}>
          {a.label}
        </button>
      ))}
      <button type="button" role="menuitem" className="secondary" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
