/**
 * Where focus mode puts the view (issue 11), pure: the focused object centred, at a zoom where its
 * name and the names of the objects on its paths are readable, showing as many of those objects as
 * fit around it. Fitting every lit object instead framed vm37's paths (two 8-WQ devices over the VM)
 * at zoom ~0.55 on a 1280×720 screen: under OPEN_ZOOM, so the opened clusters showed empty boxes.
 */
import type { ClusterLayout } from '../../layout/clusterLayout.ts';
import { NODE_H } from '../../layout/layered.ts';
import { LABEL_PX } from '../tour/frame.ts';
import { REVEAL_ZOOM } from './useRevealRequests.ts';
import type { Transform } from './useZoom.ts';

/**
 * Focus never frames below this zoom: node names (13 layout px) at 9.75 px on screen, cluster titles
 * (14) at 10.5 — READABLE_PX (9) with room for the browser's rounding — and above OPEN_ZOOM, so every
 * cluster around is drawn open with its text.
 */
export const FOCUS_ZOOM = 0.75;
// Checked at load in tests (focusFrame.test.ts): LABEL_PX × FOCUS_ZOOM ≥ READABLE_PX.
export const FOCUS_LABEL_PX = LABEL_PX * FOCUS_ZOOM;

/** Screen px kept free around the framed objects. */
const PAD = 24;

/**
 * The view for focus on `centreId` with `ids` lit: `centreId` (else the middle of the lit objects)
 * at the view's centre, zoomed so the lit objects fit around it — the farthest one sets the zoom, on
 * both sides, since the centre is fixed — but never below FOCUS_ZOOM (what does not fit is left to
 * panning, the minimap and the inspector's links) nor above `maxK` (a short path is not blown up).
 * Null when nothing is placed or the view has no size.
 */
export function focusFrame(
  layout: ClusterLayout,
  centreId: string | undefined,
  ids: Iterable<string>,
  width: number,
  height: number,
  maxK = REVEAL_ZOOM,
): Transform | null {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const id of ids) {
    const p = layout.byId.get(id);
    if (p === undefined) continue;
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x + p.w);
    y1 = Math.max(y1, p.y + NODE_H);
  }
  const c = centreId === undefined ? undefined : layout.byId.get(centreId);
  if (c !== undefined) {
    [x0, y0, x1, y1] = [Math.min(x0, c.x), Math.min(y0, c.y), Math.max(x1, c.x + c.w), Math.max(y1, c.y + NODE_H)];
  }
  if (!Number.isFinite(x0) || width <= 0 || height <= 0) return null;
  const cx = c === undefined ? (x0 + x1) / 2 : c.x + c.w / 2;
  const cy = c === undefined ? (y0 + y1) / 2 : c.y + NODE_H / 2;
  // Half the extent the view must show on each side of the centre.
  const hx = Math.max(cx - x0, x1 - cx, 1);
  const hy = Math.max(cy - y0, y1 - cy, 1);
  const fits = Math.min((width / 2 - PAD) / hx, (height / 2 - PAD) / hy);
  const k = Math.max(FOCUS_ZOOM, Math.min(maxK, fits));
  return { k, x: width / 2 - cx * k, y: height / 2 - cy * k };
}
