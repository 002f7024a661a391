import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

// A portrait phone lays the seed's graph out top to bottom (layeredDown.ts, docs/graph.md): its whole
// story, device → WQ → mdev → PASID → domain → IOASID → VM, in view at a readable size on first show.

/** Each node's name box against the graph's box, and the smallest name on screen. */
function seen(page: Page) {
  return page.evaluate(() => {
    const box = document.querySelector('[data-testid="graph-svg"]')!.getBoundingClientRect();
    const labels = [...document.querySelectorAll('[data-testid="graph-svg"] [data-node] .node-label')];
    const outside = labels
      .filter((l) => {
        const r = l.getBoundingClientRect();
        return (
          r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5
        );
      })
      .map((l) => l.closest('[data-node]')!.getAttribute('data-node'));
    // Height of a name's text box on screen against its font size: the font's px on screen.
    const transform = document.querySelector('[data-testid="graph-svg"] > g')!.getAttribute('transform')!;
    const k = Number(/scale\(([\d.]+)\)/.exec(transform)![1]);
    const namePx = Math.min(...labels.map((l) => parseFloat(getComputedStyle(l).fontSize) * k));
    const heights = labels.map((l) => l.getBoundingClientRect().height);
    return {
      count: labels.length,
      outside,
      namePx,
      minBoxH: Math.min(...heights),
      graph: { w: box.width, h: box.height },
    };
  });
}

describe('portrait phone: the small graph top to bottom', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('390×844: all 17 seed nodes in view with names ≥ 9 px; arrows follow the edges down and up', async () => {
    const context = await harness.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}#workbench`);
    const svg = page.getByTestId('graph-svg');
    await svg.locator('[data-node]').first().waitFor();
    await page.waitForTimeout(300);
    const s = await seen(page);
    console.log(
      `390x844: ${s.count} nodes, ${s.outside.length} outside, names ${s.namePx.toFixed(1)} px, graph ${s.graph.w}×${s.graph.h}`,
    );
    await harness.screenshot(page, 'portrait-390x844');
    expect(s.count).toBe(17);
    expect(s.outside).toEqual([]);
    expect(s.namePx).toBeGreaterThanOrEqual(9);
    // A name's text box is at least 9 px tall (a 9 px font's line box is taller still).
    expect(s.minBoxH).toBeGreaterThanOrEqual(9);

    // ↓ from the device goes to one of its WQs (the next row, along an edge), ↑ comes back.
    const dsa0 = page.locator('[data-node="device:dsa0"]');
    await dsa0.focus();
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-node') ?? null);
    const edgeBetween = (a: string, b: string) =>
      page.evaluate(
        ([x, y]) =>
          [...document.querySelectorAll('[data-testid^="edge-"]')].some((e) => {
            const id = e.getAttribute('data-testid')!;
            return id.includes(x!) && id.includes(y!);
          }),
        [a, b],
      );
    await page.keyboard.press('ArrowDown');
    const wq = (await focused())!;
    expect(wq).toMatch(/^wq:/);
    expect(await edgeBetween('device:dsa0', wq)).toBe(true);
    const top = async (id: string) => (await page.locator(`[data-node="${id}"]`).boundingBox())!.y;
    expect(await top(wq)).toBeGreaterThan(await top('device:dsa0'));
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe('device:dsa0');
    await context.close();
  });

  it('turned to landscape the graph is laid out left to right again and fitted', async () => {
    const context = await harness.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${harness.baseUrl}#workbench`);
    await page.getByTestId('graph-svg').locator('[data-node]').first().waitFor();
    const yOf = (id: string) =>
      page.evaluate((n) => document.querySelector(`[data-node="${n}"]`)!.getBoundingClientRect().y, id);
    const xOf = (id: string) =>
      page.evaluate((n) => document.querySelector(`[data-node="${n}"]`)!.getBoundingClientRect().x, id);
    expect(await yOf('vm:vm1')).toBeGreaterThan(await yOf('device:dsa0'));
    await page.setViewportSize({ width: 1280, height: 720 });
    await expect.poll(async () => (await xOf('vm:vm1')) > (await xOf('device:dsa0')) + 400).toBe(true);
    await context.close();
  });
});
