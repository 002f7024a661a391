/** The minimap: where the view is, click/drag and keys to move it, hidden when the whole graph is shown. */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Minimap, minimapMax } from '../../../src/app/graph/Minimap.tsx';
import { centreAt, minimapBox, viewportOnMinimap, wholeGraphShown } from '../../../src/app/graph/minimapGeometry.ts';
import type { Transform } from '../../../src/app/graph/useZoom.ts';
import type { Placed } from '../../../src/layout/layered.ts';
import { createAppStore } from '../../../src/store/createAppStore.ts';
import { StoreProvider } from '../../../src/store/StoreProvider.tsx';

const nodes = Array.from({ length: 200 }, (_, i) => ({
  node: { id: `n${i}`, ref: `n${i}`, kind: 'vm', label: `n${i}`, detail: '', colorKey: null },
  x: (i % 4) * 250,
  y: Math.floor(i / 4) * 200,
  w: 120,
  detail: '',
})) as unknown as Placed[];
const W = 1000;
const H = 10_000;

beforeEach(() => {
  // jsdom has no canvas: the drawing is a no-op there.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

function setup(start: Transform) {
  const latest = { current: start };
  let listener: ((t: Transform) => void) | null = null;
  const subscribe = (l: (t: Transform) => void) => {
    listener = l;
    return () => void (listener = null);
  };
  const setView = vi.fn((t: Transform) => {
    latest.current = t;
    listener?.(t);
    return true;
  });
  render(
    <StoreProvider store={createAppStore()}>
      <Minimap
        nodes={nodes}
        width={W}
        height={H}
        viewW={800}
        viewH={600}
        latest={latest}
        subscribe={subscribe}
        setView={setView}
        lit={null}
      />
    </StoreProvider>,
  );
  const map = screen.getByTestId('minimap');
  vi.spyOn(map, 'getBoundingClientRect').mockReturnValue(new DOMRect(500, 400, 28, 140));
  return { map, setView, latest, emit: (t: Transform) => act(() => listener?.(t)) };
}

describe('minimap geometry', () => {
  it('keeps the graph’s shape within the box and maps a click back to a centred view', () => {
    const box = minimapBox(W, H, 180, 140);
    expect(box.h).toBe(140);
    expect(box.w).toBe(24); // 14 px wide at scale, widened to stay clickable, the graph centred in it
    expect(box.ox).toBeCloseTo(5);
    const t = centreAt(12, 70, box, { width: W, height: H }, 1, 800, 600);
    // The layout point under (12, 70) is (500, 5000): it lands in the middle of the view.
    expect(t.x + 500 * t.k).toBeCloseTo(400);
    expect(t.y + 5000 * t.k).toBeCloseTo(300);
    expect(viewportOnMinimap(t, 800, 600, box).y0).toBeCloseTo(70 - (300 / 1) * box.s);
    // A click beside the thin graph goes to its nearest edge.
    expect(centreAt(0, 0, box, { width: W, height: H }, 1, 800, 600)).toEqual({ k: 1, x: 400, y: 300 });
    expect(wholeGraphShown(W, H, { k: 0.05, x: 375, y: 50 }, 800, 600)).toBe(true);
    expect(wholeGraphShown(W, H, { k: 1, x: 0, y: 0 }, 800, 600)).toBe(false);
  });
});

describe('Minimap', () => {
  it('shows where the view is and jumps there on a click, following a drag', () => {
    const { map, setView, latest } = setup({ k: 1, x: 0, y: 0 });
    expect(map).toBeVisible();
    const view = screen.getByTestId('minimap-view');
    expect(parseFloat(view.style.height)).toBeCloseTo(600 * (140 / H));
    fireEvent.pointerDown(map, { button: 0, clientX: 512, clientY: 470, pointerId: 1 });
    expect(setView).toHaveBeenCalledTimes(1);
    expect(latest.current.y + 5000 * latest.current.k).toBeCloseTo(300);
    expect(view.style.transform).toContain(`${(5000 - 300) * (140 / H)}px`);
    fireEvent.pointerMove(map, { clientX: 514, clientY: 530, pointerId: 1 });
    expect(setView).toHaveBeenCalledTimes(2);
    fireEvent.pointerUp(map, { pointerId: 1 });
    fireEvent.pointerMove(map, { clientX: 514, clientY: 500, pointerId: 1 });
    expect(setView).toHaveBeenCalledTimes(2);
  });

  it('is keyboard accessible: arrows move the view by half a screen, Home goes to the start', () => {
    const { map, latest } = setup({ k: 1, x: 0, y: -2000 });
    expect(map).toHaveAttribute('tabindex', '0');
    expect(map).toHaveAccessibleName(/Minimap of the whole graph/);
    fireEvent.keyDown(map, { key: 'ArrowDown' });
    expect(latest.current).toEqual({ k: 1, x: 0, y: -2300 });
    fireEvent.keyDown(map, { key: 'Home' });
    expect(latest.current).toEqual({ k: 1, x: 12, y: 12 });
  });

  it('hides while the whole graph is on screen', () => {
    const { map, emit } = setup({ k: 1, x: 0, y: 0 });
    emit({ k: 0.05, x: 375, y: 50 });
    expect(map).not.toBeVisible();
    emit({ k: 0.5, x: 0, y: 0 });
    expect(map).toBeVisible();
  });

  it('folds away with a named toggle, and stays small on a phone', () => {
    const { map } = setup({ k: 1, x: 0, y: 0 });
    const hide = screen.getByRole('button', { name: 'Hide the minimap' });
    expect(hide).toHaveAttribute('aria-expanded', 'true');
    fireEvent.click(hide);
    expect(map).not.toBeVisible();
    const show = screen.getByRole('button', { name: 'Show the minimap' });
    expect(show).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(show);
    expect(map).toBeVisible();
    // 390 px wide phone, a 380 px tall graph pane: at most a quarter of each side, 96 px.
    expect(minimapMax(390, 380)).toEqual({ w: 96, h: 95 });
    expect(minimapMax(1024, 337).w).toBe(180);
  });
});
