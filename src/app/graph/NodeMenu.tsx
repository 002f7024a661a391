/** The context menu of a node: its relevant actions as menu items; Escape closes and refocuses. */
import { useEffect, useRef } from 'react';
import type { NodeAction } from './nodeActions.ts';

interface Props {
  readonly title: string;
  readonly actions: readonly NodeAction[];
  readonly left: number;
  readonly top: number;
  readonly onPick: (action: NodeAction) => void;
  readonly onClose: () => void;
}

export function NodeMenu({ title, actions, left, top, onPick, onClose }: Props) {
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
