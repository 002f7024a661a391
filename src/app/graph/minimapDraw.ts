/**
 * The minimap's picture on a canvas (one draw per layout or focus change, never per frame): for a
 * fleet, its cluster boxes (VMs tinted) and the bundles between them as thin lines — what the
 * overview shows, not 10,000 sub-pixel nodes; for a small graph, its nodes. Focus mode draws what is
 * lit in the accent colour over the rest faded.
 */
import type { PlacedCluster } from '../../layout/clusterLayout.ts';
import type { ClusterLink } from '../../layout/clusters.ts';
import { NODE_H, type Placed } from '../../layout/layered.ts';
import type { MinimapBox } from './minimapGeometry.ts';

export interface MinimapPicture {
  readonly nodes: readonly Placed[];
  readonly clusters: readonly PlacedCluster[];
  readonly links: readonly ClusterLink[];
  /** Focus mode: the lit node ids and the clusters holding one; null when off. */
  readonly lit: ReadonlySet<string> | null;
  readonly litClusters: ReadonlySet<string> | null;
}

interface Colours {
  readonly plain: string;
  readonly vm: string;
  readonly accent: string;
}

export function drawMinimap(ctx: CanvasRenderingContext2D, box: MinimapBox, p: MinimapPicture, c: Colours): void {
  const X = (x: number) => box.ox + x * box.s;
  const Y = (y: number) => box.oy + y * box.s;
  if (p.clusters.length === 0) {
    const h = Math.max(1, NODE_H * box.s);
    const draw = (keep: (n: Placed) => boolean, colour: string, alpha: number) => {
      ctx.fillStyle = colour;
      ctx.globalAlpha = alpha;
      for (const n of p.nodes) if (keep(n)) ctx.fillRect(X(n.x), Y(n.y), Math.max(1, n.w * box.s), h);
    };
    const lit = p.lit;
    if (lit === null) draw(() => true, c.plain, 0.6);
    else {
      draw((n) => !lit.has(n.node.id), c.plain, 0.25);
      draw((n) => lit.has(n.node.id), c.accent, 1);
    }
    ctx.globalAlpha = 1;
    return;
  }
  const at = new Map(p.clusters.map((k) => [k.cluster.id, k]));
  const lit = p.litClusters;
  // Bundles first, under the boxes: centre to centre. The host's links (to every device) would only
  // draw a fan over the whole map: its box is enough.
  ctx.lineWidth = 1;
  ctx.strokeStyle = c.plain;
  ctx.globalAlpha = lit === null ? 0.45 : 0.15;
  ctx.beginPath();
  for (const l of p.links) {
    const a = at.get(l.a);
    const b = at.get(l.b);
    if (a === undefined || b === undefined || a.cluster.kind === 'host' || b.cluster.kind === 'host') continue;
    ctx.moveTo(X(a.x + a.w / 2), Y(a.y + a.h / 2));
    ctx.lineTo(X(b.x + b.w / 2), Y(b.y + b.h / 2));
  }
  ctx.stroke();
  for (const k of p.clusters) {
    const on = lit === null || lit.has(k.cluster.id);
    ctx.globalAlpha = on ? (lit === null ? 0.55 : 1) : 0.2;
    ctx.fillStyle = lit !== null && on ? c.accent : k.cluster.kind === 'vm' ? c.vm : c.plain;
    ctx.fillRect(X(k.x), Y(k.y), Math.max(1, k.w * box.s), Math.max(1, k.h * box.s));
  }
  ctx.globalAlpha = 1;
}
