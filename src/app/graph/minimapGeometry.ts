/** The minimap's arithmetic (pure, for tests): its size and scale, where the view is on it, where a click takes the view. */
import type { Rect } from './visible.ts';
import type { Transform } from './useZoom.ts';

export interface MinimapBox {
  /** Minimap pixels per layout unit. */
  readonly s: number;
  readonly w: number;
  readonly h: number;
  /** Where the layout's origin sits in the box (a layout thinner than the box is centred in it). */
  readonly ox: number;
  readonly oy: number;
}

/** The minimap's size for a `width`×`height` layout, at most `maxW`×`maxH` px, never thinner than `minSide`. */
export function minimapBox(width: number, height: number, maxW: number, maxH: number, minSide = 24): MinimapBox {
  const s = Math.min(maxW / Math.max(1, width), maxH / Math.max(1, height));
  const w = Math.max(minSide, Math.round(width * s));
  const h = Math.max(minSide, Math.round(height * s));
  return { s, w, h, ox: (w - width * s) / 2, oy: (h - height * s) / 2 };
}

/** The part of the layout a `viewW`×`viewH` view shows at `t`, in minimap pixels, clipped to the minimap. */
export function viewportOnMinimap(t: Transform, viewW: number, viewH: number, box: MinimapBox): Rect {
  const clip = (v: number, max: number) => Math.max(0, Math.min(max, v));
  return {
    x0: clip(box.ox + (-t.x / t.k) * box.s, box.w),
    y0: clip(box.oy + (-t.y / t.k) * box.s, box.h),
    x1: clip(box.ox + ((viewW - t.x) / t.k) * box.s, box.w),
    y1: clip(box.oy + ((viewH - t.y) / t.k) * box.s, box.h),
  };
}

/**
 * The view (same zoom) centred on the layout point under minimap pixel (`mx`, `my`), that point
 * kept inside the `width`×`height` layout (a click beside a thin graph goes to its nearest edge).
 */
export function centreAt(
  mx: number,
  my: number,
  box: MinimapBox,
  size: { readonly width: number; readonly height: number },
  k: number,
  viewW: number,
  viewH: number,
): Transform {
  const lx = Math.max(0, Math.min(size.width, (mx - box.ox) / box.s));
  const ly = Math.max(0, Math.min(size.height, (my - box.oy) / box.s));
  return { k, x: viewW / 2 - lx * k, y: viewH / 2 - ly * k };
}

/** Does the whole `width`×`height` layout lie inside the view? (Then the minimap has nothing to show.) */
export function wholeGraphShown(width: number, height: number, t: Transform, viewW: number, viewH: number): boolean {
  const slack = 1;
  return t.x >= -slack && t.y >= -slack && t.x + width * t.k <= viewW + slack && t.y + height * t.k <= viewH + slack;
}
