import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import lab from '../../src/scenarios/invalidation-lab.json';
import { encodeShareHash } from '../../src/store/shareLink.ts';
import { startHarness, type Harness } from './harness.ts';

// The design-review tabs (Faults, Invalidations, Workloads) against the built dist/.

async function axeViolations(page: Page, include: string): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).include(include).analyze();
  return axe.violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')})`,
  );
}

/** A full-page screenshot plus one of the bottom panel alone (the page is a fixed grid, so it is cut off). */
async function shots(harness: Harness, page: Page, name: string) {
  const full = await harness.screenshot(page, name);
  await page.locator('.bottom').screenshot({ path: full.replace(/\.png$/, '-panel.png') });
}

describe('review panels in Chromium', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('fault gallery → Faults tab shows kernel-style lines; Workloads runs and charts; axe clean in both themes', async () => {
    const page = await harness.openApp();
    await page.getByTestId('scenario-picker').selectOption('fault-gallery.json');
    await page.getByTestId('tab-faults').click();
    const lines = page.getByTestId('fault-line');
    await expect.poll(() => lines.count()).toBeGreaterThan(5);
    expect(await lines.first().textContent()).toMatch(
      /^DMAR: \[DMA Read NO_PASID\] Request device \[01:00\.0\] fault addr 0x1000 \[fault reason 0x39\] SM: Present bit in Root Entry is clear/,
    );
    expect(await page.getByTestId('fault-dmesg').textContent()).toContain(
      '[DMA Read PASID 0x5] Request device [6a:01.0] fault addr 0x1000 [fault reason 0x59]',
    );
    const all = await page.getByTestId('fault-row').count();
    await page.getByTestId('fault-filter-device').selectOption('dsa0');
    await expect.poll(() => page.getByTestId('fault-row').count()).toBeLessThan(all);
    expect(await axeViolations(page, '.bottom')).toEqual([]);
    await shots(harness, page, 'review-faults-light');

    await page.getByTestId('tab-workloads').click();
    await page.getByTestId('wl-dmas').fill('20000');
    await page.getByTestId('wl-run').click();
    await expect.poll(() => page.getByTestId('wl-row').count(), { timeout: 20_000 }).toBe(12);
    expect(await page.getByTestId('chart-reads').locator('rect').count()).toBe(12);
    expect(await page.getByTestId('chart-hits').locator('rect').count()).toBe(12);
    expect(await axeViolations(page, '.bottom')).toEqual([]);
    await page.getByTestId('tab-workloads').scrollIntoViewIfNeeded();
    await shots(harness, page, 'review-workloads-light');

    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    expect(await axeViolations(page, '.bottom')).toEqual([]);
    await shots(harness, page, 'review-workloads-dark');
    await page.getByTestId('tab-faults').click();
    expect(await axeViolations(page, '.bottom')).toEqual([]);
    await shots(harness, page, 'review-faults-dark');
    expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
  });

  it('invalidation lab: skipped descriptor flagged, hazard on the DMA summary, flush queue button', async () => {
    let page = await harness.openApp();
    await page.getByTestId('scenario-picker').selectOption('invalidation-lab.json');
    await page.getByTestId('tab-invalidations').click();
    const skipped = page.locator('[data-testid="inv-row"][data-state="skipped"]');
    await expect.poll(() => skipped.count()).toBe(1);
    expect(await skipped.textContent()).toContain('⚠ skipped');
    expect(await axeViolations(page, '.bottom')).toEqual([]);
    await shots(harness, page, 'review-invalidations-light');
    // A share link of the lab up to the DMA through the stale entry of the DMA_FQ domain (step 7).
    await page.close();
    page = await harness.openApp(encodeShareHash(JSON.stringify({ ...lab, steps: lab.steps.slice(0, 7) })));
    await page.getByTestId('tab-walk').click();
    await expect
      .poll(() => page.getByTestId('dma-hazard').textContent())
      .toContain('⚠ stale IOTLB entry: the tables no longer map');
    await shots(harness, page, 'review-dma-hazard-light');
    await page.getByTestId('tab-invalidations').click();
    // The tab's panel is its own chunk (bottom/lazyTabs.ts): wait for it to arrive.
    await expect.poll(() => page.getByTestId('fq-entry').count()).toBe(1);
    await page.getByTestId('theme-toggle').click();
    expect(await axeViolations(page, '.bottom')).toEqual([]);
    await shots(harness, page, 'review-invalidations-dark');
    await page.getByTestId('flush-queue').click();
    await expect.poll(() => page.getByTestId('fq-empty').count()).toBe(1);
    expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
  });
});
