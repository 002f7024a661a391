/**
 * When a pan/zoom frame needs a render (redraw.ts): a fleet re-culls only where something new
 * comes into view or at its own zoom thresholds (OPEN_ZOOM, LINK_ZOOM); zooming out over a graph
 * already drawn whole costs no render.
 */
import { describe, expect, it } from 'vitest';
import { boundsOf, detailLevel, needsRedraw, type RedrawView } from '../../../src/app/graph/redraw.ts';
import { LINK_ZOOM, OPEN_ZOOM, OVERVIEW_ZOOM, TEXT_ZOOM } from '../../../src/app/graph/useScene.ts';
import { unclustered } from '../../../src/layout/clusterLayout.ts';
import { NODE_H, type Placed } from '../../../src/layout/layered.ts';

/** A 10,000 × 4,000 graph in a 1,000 × 500 view with a 64 px culling margin. */
const view = (clustered: boolean): RedrawView => ({
  width: 1000,
  height: 500,
  margin: 64,
  clustered,
  bounds: { x0: 0, y0: 0, x1: 10_000, y1: 4_000 },
});
/** The view centred on layout point (cx, cy) at zoom k. */
const at = (k: number, cx = 5_000, cy = 2_000) => ({ k, x: 500 - cx * k, y: 250 - cy * k });

describe('detailLevel', () => {
  it('a fleet changes only at OPEN_ZOOM and LINK_ZOOM; a small graph at its bands and text too', () => {
    expect(detailLevel(OVERVIEW_ZOOM * 0.9, true)).toBe(detailLevel(TEXT_ZOOM * 1.1, true));
    expect(detailLevel(OPEN_ZOOM * 0.99, true)).not.toBe(detailLevel(OPEN_ZOOM, true));
    expect(detailLevel(LINK_ZOOM * 0.99, true)).not.toBe(detailLevel(LINK_ZOOM, true));
    expect(detailLevel(OVERVIEW_ZOOM * 0.9)).not.toBe(detailLevel(OVERVIEW_ZOOM));
    expect(detailLevel(TEXT_ZOOM * 0.99)).not.toBe(detailLevel(TEXT_ZOOM));
  });
});

describe('needsRedraw', () => {
  it('zooming in inside the drawn area needs no render; crossing OPEN_ZOOM does', () => {
    expect(needsRedraw(at(0.3), at(0.25), view(true))).toBe(false);
    expect(needsRedraw(at(OPEN_ZOOM), at(0.5), view(true))).toBe(true);
  });

  it('a fleet crossing the small graph thresholds (bands, text) needs no render; a small graph does', () => {
    expect(needsRedraw(at(0.13), at(0.11), view(true))).toBe(false);
    expect(needsRedraw(at(0.13), at(0.11), view(false))).toBe(true);
  });

  it('panning past the margin needs a render', () => {
    expect(needsRedraw(at(0.5, 5_020), at(0.5), view(true))).toBe(false);
    expect(needsRedraw(at(0.5, 5_500), at(0.5), view(true))).toBe(true);
  });

  it('zooming out over a graph drawn whole needs none; over a graph drawn in part it does', () => {
    // At 0.1 the 1,000 px view spans the whole 10,000-wide graph: every cluster was drawn.
    expect(needsRedraw(at(0.05), at(0.1), view(true))).toBe(false);
    expect(needsRedraw(at(0.2), at(0.3), view(true))).toBe(true);
  });

  it('a view that shows nothing of the graph needs none', () => {
    expect(needsRedraw(at(1, 20_000, 20_000), at(1), view(true))).toBe(false);
  });
});

describe('boundsOf', () => {
  it('is the layout size, grown by nodes dragged left of or above the origin', () => {
    const node = { id: 'a', kind: 'vm', ref: 'a', label: 'a', detail: '', colorKey: null } as const;
    const p = (x: number, y: number): Placed => ({ node, x, y, w: 80, col: 0, detail: '' });
    const layout = (nodes: Placed[]) => unclustered({ nodes, byId: new Map(), columns: [], width: 500, height: 300 });
    expect(boundsOf(layout([p(10, 10)]))).toEqual({ x0: 0, y0: 0, x1: 500, y1: 300 });
    expect(boundsOf(layout([p(-40, -20), p(600, 400)]))).toEqual({ x0: -40, y0: -20, x1: 680, y1: 400 + NODE_H });
  });
});
