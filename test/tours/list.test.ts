import { describe, expect, it } from 'vitest';
import { TOURS } from '../../src/tours/index.ts';
import { TOUR_CARDS } from '../../src/tours/list.ts';

describe('the light tour list (landing page)', () => {
  it('lists exactly the validated tours, in the same order, with their stop counts', () => {
    expect(TOUR_CARDS).toEqual(
      TOURS.map((t) => ({
        id: t.id,
        title: t.title,
        summary: t.summary,
        minutes: t.minutes,
        stopCount: t.stops.length,
      })),
    );
  });
});
