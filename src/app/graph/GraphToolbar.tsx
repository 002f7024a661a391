/** The graph's toolbar: Fit, Reset layout, Lock layout, the counts, the selected node's actions and the legend. */
import type { ReactNode } from 'react';
import { GraphLegend } from './GraphLegend.tsx';

interface Props {
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly edgeKinds: ReadonlySet<string>;
  readonly moved: boolean;
  readonly locked: boolean;
  readonly selection: string | null;
  readonly onFit: () => void;
  readonly onReset: () => void;
  readonly onLock: () => void;
  /** Opens the selected node's actions; absent when nothing is selected (or a menu is open). */
  readonly onActions: (() => void) | undefined;
  readonly children?: ReactNode;
}

export function GraphToolbar(p: Props) {
  return (
    <div className="graph-toolbar">
      <button type="button" onClick={p.onFit} data-testid="fit-view">
        Fit to view
      </button>
      {p.moved && (
        <button type="button" onClick={p.onReset} data-testid="reset-positions">
          Reset layout
        </button>
      )}
      <button
        type="button"
        aria-pressed={p.locked}
        onClick={p.onLock}
        data-testid="lock-layout"
        title="Drag pans the view; Shift+drag moves a node unless the layout is locked"
      >
        Lock layout
      </button>
      {p.children}
      <span className="graph-count" data-testid="graph-count">
        {p.nodeCount} nodes · {p.edgeCount} edges
      </span>
      {p.onActions && (
        <button
          type="button"
          className="node-more"
          data-testid="node-more"
          aria-label={`Actions for ${p.selection}`}
          onClick={p.onActions}
        >
          ⋯ Actions<span className="node-more-name"> for {p.selection}</span>
        </button>
      )}
      <GraphLegend present={p.edgeKinds} />
    </div>
  );
}
