/** How an edge is drawn, shared by the live graph and the image export. Pure. */
import type { TopoEdge } from '../../engine/inspect/topology.ts';
import type { Placed } from '../../layout/layered.ts';
import { colorOf } from '../../layout/palette.ts';

/** Attachment edges take their domain's colour; the others keep the theme's edge colour (null). */
export function edgeColor(e: TopoEdge, from: Placed, to: Placed): string | null {
  return e.kind === 'aux' || e.kind === 'pasid' || e.kind === 'primary' || e.kind === 'backs'
    ? colorOf(from.node.colorKey ?? to.node.colorKey)
    : null;
}

/** PASID labels on aux and PASID-attach edges, unless a node beside it already says the same. */
export function showEdgeLabel(e: TopoEdge, from: Placed, to: Placed): boolean {
  return (e.kind === 'aux' || e.kind === 'pasid') && e.label !== to.node.label && e.label !== from.node.label;
}
