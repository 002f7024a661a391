import { describe, expect, it } from 'vitest';
import { autoFitDue, type LastFit } from '../../../src/app/graph/useAutoFit.ts';

const fitted = { k: 0.9, x: 12, y: 40 };
const moved = { k: 1, x: -300, y: 20 };
const last: LastFit = { doc: 'd1', key: '17:830x132', t: fitted };

describe('when the automatic fit may move the view', () => {
  it('always on a document’s first show', () => {
    expect(autoFitDue(null, 'd1', last.key, false, moved)).toBe(true);
    expect(autoFitDue(last, 'd2', last.key, false, moved)).toBe(true);
  });

  it('again while the view is where it left it (a resize, a new node)', () => {
    expect(autoFitDue(last, 'd1', last.key, false, fitted)).toBe(true);
    expect(autoFitDue(last, 'd1', '18:900x132', false, fitted)).toBe(true);
  });

  it('never over a moved view (a gesture, Find, focus, a tour) on a resize or a new shape', () => {
    expect(autoFitDue(last, 'd1', last.key, false, moved)).toBe(false);
    expect(autoFitDue(last, 'd1', '18:900x132', false, moved)).toBe(false);
    expect(autoFitDue(last, 'd1', last.key, true, moved)).toBe(false);
  });

  it('a fleet laid out anew is fitted again', () => {
    expect(autoFitDue(last, 'd1', '2500:4000x3000', true, moved)).toBe(true);
  });

  it('a small graph turned (a phone turned to portrait or back) is fitted again, even over a moved view', () => {
    expect(autoFitDue(last, 'd1', 'down17:441x420', false, moved, 'down')).toBe(true);
    const portrait: LastFit = { ...last, key: 'down17:441x420', flow: 'down' };
    expect(autoFitDue(portrait, 'd1', last.key, false, moved)).toBe(true);
    expect(autoFitDue(portrait, 'd1', portrait.key, false, moved, 'down')).toBe(false);
  });
});
