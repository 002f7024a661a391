/**
 * One node of the attachment graph: an SVG group (role="button") that is the graph's Tab stop or
 * reached with the arrows (useGraphFocus); Space selects, Enter opens its actions menu. A plain
 * drag that starts on it pans the view (useZoom); only Shift+drag moves it, and not while the
 * layout is locked (GraphView keeps the position as a view-state override), so panning never
 * rearranges the picture by accident (issue 11).
 */
import { memo, useRef, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import { NODE_H, type Placed } from '../../layout/layered.ts';
import { colorOf } from '../../layout/palette.ts';

interface Props {
  readonly placed: Placed;
  /** The graph's one Tab stop (roving tabindex: the others are -1, reached with the arrows). */
  readonly tabStop: boolean;
  /** The id of the tooltip showing this node's whole label (NodeTip), while it is shown. */
  readonly describedBy?: string | undefined;
  readonly selected: boolean;
  readonly onPath: boolean;
  /** Focus mode: on the focused object's paths ('in') or dimmed ('out'); undefined when focus mode is off. */
  readonly focus?: 'in' | 'out' | undefined;
  readonly simple: boolean;
  readonly onSelect: (ref: string) => void;
  readonly onMenu: (nodeId: string, x: number, y: number) => void;
  /** Screen-pixel movement since the drag started; `done` on release. */
  readonly onDrag: (placed: Placed, dx: number, dy: number, done: boolean) => void;
  /** False while the layout is locked: Shift+drag then pans like a plain drag. */
  readonly movable?: boolean;
}

const DRAG_THRESHOLD = 4;

export const GraphNode = memo(function GraphNode({
  placed,
  tabStop,
  describedBy,
  selected,
  onPath,
  focus,
  simple,
  onSelect,
  onMenu,
  onDrag,
  movable = true,
}: Props) {
  const { node, x, y, w } = placed;
  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);
  const accent = colorOf(node.colorKey);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === ' ') {
      e.preventDefault();
      onSelect(node.ref);
    } else if (e.key === 'Enter' || e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      e.preventDefault();
      onSelect(node.ref);
      onMenu(node.id, x + w, y);
    }
  };
  const onContextMenu = (e: MouseEvent) => {
    e.preventDefault();
    onSelect(node.ref);
    onMenu(node.id, x + w, y);
  };
  const onPointerDown = (e: PointerEvent) => {
    // The deliberate gesture: Shift held as the drag starts (useZoom leaves such a press to us).
    if (e.button !== 0 || !e.shiftKey || !movable) return;
    drag.current = { x: e.clientX, y: e.clientY, moved: false };
    e.currentTarget.setPointerCapture?.(e.pointerId);
  };
  // Shift+press is also the browser's "extend the selection": without this the move selects the
  // page's text from the last click to the node (d3-zoom does the same for a plain drag).
  const onMouseDown = (e: MouseEvent) => {
    if (e.button === 0 && e.shiftKey && movable) e.preventDefault();
  };
  const onPointerMove = (e: PointerEvent) => {
    const d = drag.current;
    if (d === null) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
    d.moved = true;
    onDrag(placed, dx, dy, false);
  };
  const onPointerUp = (e: PointerEvent) => {
    const d = drag.current;
    drag.current = null;
    if (d?.moved) onDrag(placed, e.clientX - d.x, e.clientY - d.y, true);
  };
  const onClick = () => {
    onSelect(node.ref);
  };
  const lit = focus === undefined ? '' : focus === 'in' ? ' in-focus' : ' dimmed';
  const cls = `node node-${node.kind}${selected ? ' selected' : ''}${onPath ? ' on-path' : ''}${lit}`;
  return (
    <g
      className={cls}
      transform={`translate(${x},${y})`}
      data-node={node.id}
      data-movable={movable ? '' : undefined}
      data-testid={`node-${node.id}`}
      data-focus={focus}
      tabIndex={tabStop ? 0 : -1}
      role="button"
      // Named by its visible text (at low zoom, no text: by a label); the tooltip (NodeTip) with the
      // whole detail line describes it while shown.
      aria-label={simple ? `${node.label} ${node.detail}` : undefined}
      aria-describedby={describedBy}
      aria-haspopup="menu"
      aria-roledescription={`${node.kind} node`}
      aria-pressed={selected}
      onClick={onClick}
      onKeyDown={onKeyDown}
      onContextMenu={onContextMenu}
      onPointerDown={onPointerDown}
      onMouseDown={onMouseDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
    >
      <rect
        className="node-focus"
        x={-5}
        y={-5}
        width={w + 10}
        height={NODE_H + 10}
        rx={node.kind === 'pasid' ? 22 : 9}
      />
      <rect className="node-box" width={w} height={NODE_H} rx={node.kind === 'pasid' ? 18 : 6} />
      <rect className="node-accent" width={5} height={NODE_H} rx={2} fill={accent} />
      {!simple && (
        <>
          <text className="node-label" x={10} y={15}>
            {node.label}
          </text>
          <text className="node-detail" x={10} y={29}>
            {placed.detail}
          </text>
        </>
      )}
    </g>
  );
});
