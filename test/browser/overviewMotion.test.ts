import { createRequire } from 'node:module';
import type * as LzString from 'lz-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetScenario } from '../helpers/fleet.ts';
import { startHarness, type Harness } from './harness.ts';

// Issue 11 at 256 VMs × 16 mdevs: the overview's level of detail in motion. While the wheel zooms a
// crowded overview (769 clusters), the names wait (the svg carries `zooming`); the gesture's end
// brings every name back. A pan keeps them. The closed boxes are stroked in layout units (--px).
// At Fit the overview names its 256 VM groups (GroupNames) and the host: 257 names.

const { compressToEncodedURIComponent } = createRequire(import.meta.url)('lz-string') as typeof LzString;

describe('fleet overview in motion (256 VMs × 16 mdevs)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });

  it('drops the names while zooming, keeps them while panning, and shows them all again after', async () => {
    const page = await harness.openApp(`s=${compressToEncodedURIComponent(fleetScenario(256, 16))}`);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.waitForSelector('[data-testid="graph-svg"] .cluster-name', { timeout: 120_000 });
    await page.getByTestId('fit-view').click();
    const svg = page.getByTestId('graph-svg');
    const shownNames = () =>
      page.evaluate(
        () =>
          [...document.querySelectorAll('[data-testid="graph-svg"] :is(.cluster-name, .cluster-group-name)')].filter(
            (t) => getComputedStyle(t).display !== 'none',
          ).length,
      );
    await expect.poll(shownNames).toBe(257);
    const box = (await svg.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 20, { steps: 3 });
    expect(await svg.getAttribute('class')).not.toContain('zooming');
    expect(await shownNames()).toBe(257);
    await page.mouse.up();
    await page.mouse.wheel(0, 120);
    await expect.poll(() => svg.getAttribute('class')).toContain('zooming');
    expect(await shownNames()).toBe(0);
    // d3-zoom ends a wheel gesture 150 ms after the last notch.
    await expect.poll(() => svg.getAttribute('class'), { timeout: 5_000 }).not.toContain('zooming');
    expect(await shownNames()).toBeGreaterThanOrEqual(256);
    const stroke = await page.evaluate(() => {
      const rect = document.querySelector('[data-testid="graph-svg"] .cluster:not(.open) .cluster-box')!;
      const k = (rect as SVGGraphicsElement).getScreenCTM()?.a ?? 0;
      const style = getComputedStyle(rect);
      return { effect: style.getPropertyValue('vector-effect'), px: parseFloat(style.strokeWidth) * k };
    });
    expect(stroke.effect).toBe('none');
    expect(stroke.px).toBeCloseTo(1.5, 1);
    expect(harness.problems(page).pageErrors).toEqual([]);
  }, 180_000);
});
