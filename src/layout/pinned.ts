/** Apply user-dragged positions to a layout: moved nodes get new Placed objects, others are reused. Pure. */
import { NODE_H, type Column, type Layout, type Placed } from './layered.ts';

/**
 * A position dragged in the other orientation (a phone turned, or the export's left-to-right layout of
 * a graph moved on a portrait phone) is left out: its coordinates belong to the other layout.
 */
export function withPositions(
  layout: Layout,
  positions: Readonly<Record<string, { x: number; y: number; flow?: 'down' }>>,
): Layout {
  const moved = Object.keys(positions).filter((id) => layout.byId.has(id) && positions[id]!.flow === layout.flow);
  if (moved.length === 0) return layout;
  const cols = new Set<number>();
  const replaced = new Map<string, Placed>();
  for (const id of moved) {
    const p = layout.byId.get(id)!;
    const pos = positions[id]!;
    replaced.set(id, { ...p, x: pos.x, y: pos.y });
    cols.add(p.col);
  }
  const nodes = layout.nodes.map((p) => replaced.get(p.node.id) ?? p);
  const columns: Column[] = layout.columns.map((c, i) =>
    cols.has(i)
      ? { ...c, loose: true, nodes: c.nodes.map((p) => replaced.get(p.node.id) ?? p).sort((a, b) => a.y - b.y) }
      : c,
  );
  let width = layout.width;
  let height = layout.height;
  for (const p of replaced.values()) {
    width = Math.max(width, p.x + p.w);
    height = Math.max(height, p.y + NODE_H);
  }
  const byId = new Map(nodes.map((p) => [p.node.id, p]));
  return layout.flow === undefined
    ? { nodes, columns, width, height, byId }
    : { nodes, columns, width, height, byId, flow: layout.flow };
}
