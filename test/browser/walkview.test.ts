import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

describe('walk view in the built app', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('steps through the last DMA of the seed scenario', async () => {
    const page = await harness.openApp();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole('tab', { name: 'Walk' }).click();
    const walk = page.getByRole('region', { name: 'Translation walk' });
    await expect.poll(() => walk.isVisible()).toBe(true);
    const counter = walk.getByText(/^\d+ \/ \d+$/);
    await expect.poll(() => counter.textContent()).toMatch(/^1 \/ \d+$/);
    await harness.screenshot(page, 'walkview-step1');
    const axeFirst = await new AxeBuilder({ page }).include('[aria-label="Translation walk"]').analyze();
    expect(axeFirst.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    const next = walk.getByRole('button', { name: 'Forward' });
    while (await next.isEnabled()) await next.click();
    const total = (await counter.textContent())?.split(' / ')[1];
    expect(await counter.textContent()).toBe(`${total} / ${total}`);
    expect(await walk.locator('[aria-current="step"]').count()).toBe(1);
    await harness.screenshot(page, 'walkview-last');

    const axe = await new AxeBuilder({ page }).include('[aria-label="Translation walk"]').analyze();
    expect(
      axe.violations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
    expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
  });
});
