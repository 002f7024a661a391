/**
 * Where focus mode puts the view (focusFrame.ts): the focused object at the view's centre, its name
 * and its paths' names readable (zoom ≥ FOCUS_ZOOM), as many lit objects around it as fit.
 */
import { describe, expect, it } from 'vitest';
import { FOCUS_LABEL_PX, FOCUS_ZOOM, focusFrame } from '../../../src/app/graph/focusFrame.ts';
import { OPEN_ZOOM } from '../../../src/app/graph/useScene.ts';
import type { Transform } from '../../../src/app/graph/useZoom.ts';
import { READABLE_PX } from '../../../src/layout/clusterLabel.ts';
import { unclustered } from '../../../src/layout/clusterLayout.ts';
import { NODE_H, type Placed } from '../../../src/layout/layered.ts';

const W = 100;
const at = (id: string, x: number, y: number): Placed => ({
  node: { id, kind: 'vm', ref: id, label: id, detail: '', colorKey: null },
  x,
  y,
  w: W,
  col: 0,
  detail: '',
});
const layoutOf = (nodes: Placed[]) =>
  unclustered({ nodes, byId: new Map(nodes.map((p) => [p.node.id, p])), columns: [], width: 0, height: 0 });
/** Where the centre of node `p` lands on screen. */
const screen = (t: Transform, p: Placed) => ({ x: (p.x + W / 2) * t.k + t.x, y: (p.y + NODE_H / 2) * t.k + t.y });

describe('focusFrame', () => {
  it('names are readable at its least zoom, where every cluster is drawn open', () => {
    expect(FOCUS_LABEL_PX).toBeGreaterThanOrEqual(READABLE_PX);
    expect(FOCUS_ZOOM).toBeGreaterThan(OPEN_ZOOM);
  });

  it('a short path: centred on the focused object, not blown up past zoom 1', () => {
    const nodes = [at('a', 0, 0), at('b', 200, 0), at('c', 400, 100)];
    const t = focusFrame(layoutOf(nodes), 'b', ['a', 'b', 'c'], 1280, 720)!;
    expect(t.k).toBe(1);
    expect(screen(t, nodes[1]!)).toEqual({ x: 640, y: 360 });
  });

  it('paths too long for the view: the focused object centred at FOCUS_ZOOM, the far ones off screen', () => {
    // vm37 at the bottom of its group, its parents' WQs 400 units above it and 10 units beside.
    const nodes = [at('vm', 1000, 1000), at('wq-top', 600, 0), at('wq-side', 1400, 990)];
    const t = focusFrame(layoutOf(nodes), 'vm', ['vm', 'wq-top', 'wq-side'], 750, 320)!;
    expect(t.k).toBe(FOCUS_ZOOM);
    expect(screen(t, nodes[0]!)).toEqual({ x: 375, y: 160 });
    expect(screen(t, nodes[1]!).y).toBeLessThan(0);
  });

  it('in between: the zoom at which the farthest lit object, on either side of the centre, still fits', () => {
    const nodes = [at('vm', 500, 300), at('left', 100, 300), at('right', 600, 300)];
    const t = focusFrame(layoutOf(nodes), 'vm', ['vm', 'left', 'right'], 900, 600)!;
    expect(t.k).toBeGreaterThan(FOCUS_ZOOM);
    expect(t.k).toBeLessThan(1);
    expect(screen(t, nodes[0]!).x).toBeCloseTo(450);
    // The far (left) one just fits, 24 px in from the view's side.
    expect(nodes[1]!.x * t.k + t.x).toBeCloseTo(24);
  });

  it('no focused object placed: the middle of the lit ones; nothing placed or no size: null', () => {
    const nodes = [at('a', 0, 0), at('b', 200, 0)];
    const t = focusFrame(layoutOf(nodes), 'gone', ['a', 'b'], 800, 600)!;
    expect((150 * t.k + t.x) / 400).toBeCloseTo(1);
    expect(focusFrame(layoutOf(nodes), undefined, ['x'], 800, 600)).toBeNull();
    expect(focusFrame(layoutOf(nodes), 'a', ['a'], 0, 0)).toBeNull();
  });
});
