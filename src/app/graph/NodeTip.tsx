/** The focused or hovered node's whole label and detail line (the drawn detail may be cut with …). */
import { NODE_H, type Placed } from '../../layout/layered.ts';
import type { Transform } from './useZoom.ts';

interface Props {
  readonly placed: Placed;
  readonly transform: Transform;
  /** Where the SVG starts inside the graph section (below the toolbar), px. */
  readonly top: number;
  readonly width: number;
}

export function NodeTip({ placed, transform: t, top, width }: Props) {
  const left = Math.max(4, Math.min(width - 264, placed.x * t.k + t.x));
  return (
    <div
      className="node-tip"
      role="tooltip"
      id="node-tip"
      data-testid="node-tip"
      style={{ left, top: top + (placed.y + NODE_H) * t.k + t.y + 6 }}
    >
      <strong>{placed.node.label}</strong> <span>{placed.node.detail}</span>
    </div>
  );
}
