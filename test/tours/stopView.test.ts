import { describe, expect, it } from 'vitest';
import { FRAME_MAX_ZOOM, frameTransform, READABLE_ZOOM, unionRect } from '../../src/app/tour/frame.ts';
import { tourById, TOURS } from '../../src/tours/index.ts';
import { dmaStopOf, stopTab, talksAboutWalk } from '../../src/tours/stopView.ts';

describe('what a tour stop shows', () => {
  const t = tourById('three-wqs')!;

  it('a stop opens the walk only when it talks about one', () => {
    expect(t.stops.map((s) => talksAboutWalk(s))).toEqual([
      false,
      true,
      false,
      true,
      false,
      false,
      false,
      true,
      true,
      false,
    ]);
    expect(stopTab(t.stops[1]!)).toBe('walk');
    expect(stopTab(t.stops[4]!)).toBe('log');
    // The walk panel holds stop 4's DMA at stops 4–7, stop 2's at stop 3.
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => dmaStopOf(t, i))).toEqual([null, 1, 1, 3, 3, 3, 3]);
  });

  it.each(TOURS.map((tour) => [tour.id, tour] as const))(
    '%s: every stop that opens the Walk tab has its DMA',
    (_id, tour) => {
      tour.stops.forEach((s, i) => {
        if (stopTab(s) === 'walk') expect(dmaStopOf(tour, i), `stop ${i + 1}`).not.toBeNull();
      });
    },
  );
});

describe('framing a stop', () => {
  it('centres what fits, at a zoom that keeps labels >= 12 px', () => {
    const box = unionRect([
      { x: 100, y: 0, w: 100, h: 40 },
      { x: 300, y: 60, w: 100, h: 40 },
    ])!;
    expect(box).toEqual({ x: 100, y: 0, w: 300, h: 100 });
    const t = frameTransform(box, box, 1000, 500);
    expect(t.k).toBe(FRAME_MAX_ZOOM);
    expect(t.x + (box.x + box.w / 2) * t.k).toBeCloseTo(500);
    expect(t.y + (box.y + box.h / 2) * t.k).toBeCloseTo(250);
  });

  it('when the nodes do not fit at a readable zoom, the kept column (the VMs) stays in view', () => {
    const box = { x: 0, y: 0, w: 1200, h: 200 };
    const keep = { x: 1100, y: 100, w: 100, h: 40 };
    const t = frameTransform(box, keep, 600, 400);
    expect(t.k).toBeCloseTo(READABLE_ZOOM);
    expect(READABLE_ZOOM * 13).toBeCloseTo(12);
    const right = t.x + (keep.x + keep.w) * t.k;
    expect(right).toBeLessThanOrEqual(600);
    expect(t.x + keep.x * t.k).toBeGreaterThanOrEqual(0);
  });
});
