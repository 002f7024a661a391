/**
 * The whole topology for an image export: every node (no culling) with its whole detail line (the
 * layout does not cut it), the DMA path as on screen, the scenario's title above and the legend
 * below. Drawn with the live graph's components and classes, so serializeSvg inlines the same styles.
 */
import type { Layout } from '../../layout/layered.ts';
import { textWidth } from '../../layout/textWidth.ts';
import { edgeColor, showEdgeLabel } from '../graph/edgeStyle.ts';
import { GraphEdge } from '../graph/GraphEdge.tsx';
import { legendItems, type LegendWords } from '../graph/GraphLegend.tsx';
import { GraphNode } from '../graph/GraphNode.tsx';
import type { TopoEdge } from '../../engine/inspect/topology.ts';

interface Props {
  readonly layout: Layout;
  readonly edges: readonly TopoEdge[];
  readonly path: ReadonlySet<string>;
  readonly selection: string | null;
  readonly title: string;
  /** The IOMMU's words for the legend (describePlatform). */
  readonly words: LegendWords;
}

const noop = () => undefined;
const LEGEND_PX = 12;
const SWATCH = 28;

export function ExportGraph({ layout, edges, path, selection, title, words }: Props) {
  // The legend flows in rows as wide as the graph (at least 560 px).
  const maxW = Math.max(560, layout.width);
  const items: { kind: string; label: string; x: number; y: number }[] = [];
  let x = 0;
  let y = layout.height + 34;
  for (const [kind, label] of legendItems(new Set(edges.map((e) => e.kind)), words)) {
    const w = SWATCH + 6 + textWidth(label, LEGEND_PX) + 18;
    if (x > 0 && x + w > maxW) {
      x = 0;
      y += 20;
    }
    items.push({ kind, label, x, y });
    x += w;
  }
  return (
    <svg className="graph-svg" xmlns="http://www.w3.org/2000/svg" width={maxW} height={y + 20}>
      <g>
        <text className="export-title" x={0} y={-16}>
          {title}
        </text>
        <g className="edges">
          {edges.map((e) => {
            const from = layout.byId.get(e.source);
            const to = layout.byId.get(e.target);
            if (!from || !to) return null;
            return (
              <GraphEdge
                key={e.id}
                layout={layout}
                edge={e}
                from={from}
                to={to}
                onPath={path.has(e.source) && path.has(e.target)}
                color={edgeColor(e, from, to)}
                showLabel={showEdgeLabel(e, from, to)}
              />
            );
          })}
        </g>
        <g className="nodes">
          {layout.nodes.map((p) => (
            <GraphNode
              key={p.node.id}
              placed={p}
              tabStop={false}
              selected={p.node.ref === selection}
              onPath={path.has(p.node.id)}
              simple={false}
              onSelect={noop}
              onMenu={noop}
              onDrag={noop}
            />
          ))}
        </g>
        <g className="export-legend">
          {items.map((it) => (
            <g key={it.kind} transform={`translate(${it.x},${it.y})`}>
              <line className={`legend-line edge-${it.kind}`} x1={0} y1={-4} x2={SWATCH} y2={-4} />
              <text className="legend-text" x={SWATCH + 6} y={0}>
                {it.label}
              </text>
            </g>
          ))}
        </g>
      </g>
    </svg>
  );
}
