/**
 * The handle between the graph and the bottom panel (WAI-ARIA window splitter): drag it, or focus
 * it and use ↑/↓ (Shift for bigger steps), Home/End, and Enter to expand or restore the panel.
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { MIN_PANE, type BottomPane } from './useBottomPane.ts';

const STEP = 24;

export function Splitter({ pane }: { pane: BottomPane }) {
  const ref = useRef<HTMLDivElement>(null);
  const area = () => ref.current?.parentElement?.getBoundingClientRect() ?? null;
  const bottomNow = () => ref.current?.nextElementSibling?.getBoundingClientRect().height ?? 0;

  const onKeyDown = (e: KeyboardEvent) => {
    const a = area();
    if (a === null) return;
    const step = e.shiftKey ? STEP * 4 : STEP;
    const now = bottomNow();
    let next: number | null = null;
    if (e.key === 'ArrowUp') next = now + step;
    else if (e.key === 'ArrowDown') next = now - step;
    else if (e.key === 'Home') next = MIN_PANE;
    else if (e.key === 'End') next = a.height - MIN_PANE;
    else if (e.key === 'Enter') pane.toggleExpanded();
    else return;
    e.preventDefault();
    if (next !== null) pane.setHeight(next, a.height);
  };
  const onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    e.preventDefault();
  };
  const onPointerMove = (e: PointerEvent) => {
    if (!e.currentTarget.hasPointerCapture?.(e.pointerId)) return;
    const a = area();
    if (a !== null) pane.setHeight(a.bottom - e.clientY, a.height);
  };

  return (
    <div
      ref={ref}
      className="splitter"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the details panel"
      aria-controls="details-panel"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pane.percent}
      tabIndex={0}
      title="Drag, or use ↑/↓, to resize; Enter expands"
      data-testid="splitter"
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onDoubleClick={pane.toggleExpanded}
    />
  );
}
