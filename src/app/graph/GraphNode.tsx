/** One node of the attachment graph: a focusable SVG group (role="button"); Enter selects. */
import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import type { Placed } from '../../layout/layered.ts';
import { NODE_H, NODE_W } from '../../layout/layered.ts';
import { colorOf } from '../../layout/palette.ts';

interface Props {
  readonly placed: Placed;
  readonly selected: boolean;
  readonly onPath: boolean;
  readonly simple: boolean;
  readonly onSelect: (ref: string) => void;
  readonly onMenu: (nodeId: string, x: number, y: number) => void;
}

export const GraphNode = memo(function GraphNode({ placed, selected, onPath, simple, onSelect, onMenu }: Props) {
  const { node, x, y } = placed;
  const accent = colorOf(node.colorKey);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(node.ref);
    } else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      e.preventDefault();
      onSelect(node.ref);
      onMenu(node.id, x + NODE_W, y);
    }
  };
  const onContextMenu = (e: MouseEvent) => {
    e.preventDefault();
    onSelect(node.ref);
    onMenu(node.id, x + NODE_W, y);
  };
  const cls = `node node-${node.kind}${selected ? ' selected' : ''}${onPath ? ' on-path' : ''}`;
  return (
    <g
      className={cls}
      transform={`translate(${x},${y})`}
      data-node={node.id}
      data-testid={`node-${node.id}`}
      tabIndex={0}
      role="button"
      // Text nodes take their name from their visible text; at low zoom (no text) from a label.
      aria-label={simple ? `${node.label} ${node.detail}` : undefined}
      aria-roledescription={`${node.kind} node`}
      aria-pressed={selected}
      onClick={() => onSelect(node.ref)}
      onKeyDown={onKeyDown}
      onContextMenu={onContextMenu}
    >
      <rect className="node-box" width={NODE_W} height={NODE_H} rx={node.kind === 'pasid' ? 18 : 6} />
      <rect className="node-accent" width={6} height={NODE_H} rx={2} fill={accent} />
      {!simple && (
        <>
          <text className="node-label" x={12} y={15}>
            {node.label}
          </text>
          <text className="node-detail" x={12} y={29}>
            {node.detail}
          </text>
        </>
      )}
    </g>
  );
});
