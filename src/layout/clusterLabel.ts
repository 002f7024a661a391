/**
 * How large a closed cluster's name can be drawn (issue 11), shared by the layout (which picks a
 * zoom where every name is readable) and ClusterShape (which draws it). Pure.
 */
import { textWidth } from './textWidth.ts';

/** Text under this many screen px is not readable: the overview's names are at least this at Fit. */
export const READABLE_PX = 9;
/** Screen px of a closed cluster's name at most. */
export const NAME_PX = 14;

interface Frame {
  readonly cluster: { readonly name: string };
  readonly w: number;
  readonly h: number;
}

/**
 * The name's size in screen px per unit of zoom: as large as the box's height allows, and as its
 * width plus `gap` (the space to the next box) allows; a name then wider than its box is drawn
 * condensed by SVG textLength (about 10% at most).
 */
export function namePxPerZoom(c: Frame, gap: number): number {
  return Math.min(c.h * 0.75, (c.w + gap) / textWidth(c.cluster.name, 1, true));
}

/** The smallest zoom at which every one of `frames` is named at READABLE_PX or more (0 for none). */
export function readableZoom(frames: readonly Frame[], gap: number): number {
  let least = Infinity;
  for (const f of frames) least = Math.min(least, namePxPerZoom(f, gap));
  return Number.isFinite(least) ? READABLE_PX / least : 0;
}
