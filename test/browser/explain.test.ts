import { AxeBuilder } from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

// Explain a pasted kernel log in the Faults tab, reproduce a fault, and land on its walk at the failing read.

const fixture = (f: string) => readFileSync(new URL(`../fixtures/kernel-logs/${f}`, import.meta.url), 'utf8');
const LOG = [
  fixture('vtd-legacy-pasid-ffffffff.log'),
  fixture('vtd-usb-addr0-5x.log'),
  fixture('amd-read-of-writeonly.log'),
  fixture('smmu-translation-decoded.log'),
].join('');
const SIZES = [
  [390, 844],
  [1280, 720],
  [1920, 1080],
] as const;

async function axeViolations(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).include('.bottom').analyze();
  return axe.violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')})`,
  );
}

async function shotsAtSizes(harness: Harness, page: Page, name: string) {
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await harness.screenshot(page, `${name}-${w}x${h}`);
    await page.locator('.bottom').screenshot({ path: `test-results/screenshots/${name}-${w}x${h}-panel.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('kernel log explainer in Chromium', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('paste → explain → reproduce → the walk opens at the failing read', async () => {
    const page = await harness.openApp();
    await page.getByTestId('tab-faults').click();
    // The tab's panel is its own chunk (bottom/lazyTabs.ts): count only once it is there.
    await page.getByTestId('explain-input').waitFor();
    const recordsBefore = await page.getByTestId('fault-line').count();
    await page.getByTestId('explain-input').fill(LOG);
    await page.getByTestId('explain-submit').click();
    await expect.poll(() => page.getByTestId('explain-row').count()).toBe(7);
    expect(await page.getByTestId('explain-count').textContent()).toBe('7 IOMMU fault events found.');
    const faults = await page.getByTestId('explain-fault').allTextContents();
    expect(faults).toEqual([
      'no-context',
      'no-context',
      'no-context',
      'write-denied',
      'read-denied',
      'read-denied',
      'not-mapped',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('expand-details').click();
    await page.getByTestId('explain-panel').scrollIntoViewIfNeeded();
    await shotsAtSizes(harness, page, 'explain-table');
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('.bottom').screenshot({ path: 'test-results/screenshots/explain-table-dark-panel.png' });
    await page.getByTestId('theme-toggle').click();
    await page.getByTestId('expand-details').click();

    // The AMD-Vi line cannot be reproduced on the VT-d workbench: one sentence says why, nothing changes.
    await page.getByTestId('explain-reproduce').nth(4).click();
    await expect
      .poll(() => page.getByTestId('explain-status').textContent())
      .toContain('This is an AMD-Vi fault but the workbench models VT-d');

    // The write to address 0 (line 12 of the pasted text) is rebuilt and its walk opens at the leaf that denies it.
    await page.getByTestId('explain-reproduce').nth(3).click();
    await expect.poll(() => page.getByTestId('tab-walk').getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.getByTestId('result-fault').textContent()).toBe('write-denied');
    const cards = page.locator('li.walk-card');
    const n = await cards.count();
    expect(n).toBeGreaterThan(3);
    expect(await cards.nth(n - 1).getAttribute('aria-current')).toBe('step');
    expect(await cards.nth(n - 1).getAttribute('class')).toContain('decision-fault');
    expect(await axeViolations(page)).toEqual([]);
    await shotsAtSizes(harness, page, 'explain-reproduced-walk');

    // The model logs it as the kernel did; one undo removes the whole reproduction.
    await page.getByTestId('tab-faults').click();
    await expect.poll(() => page.getByTestId('fault-line').count()).toBe(recordsBefore + 1);
    expect(await page.getByTestId('fault-line').last().textContent()).toMatch(
      /^DMAR: \[DMA Write NO_PASID\] Request device \[00:14\.0\] fault addr 0x0 \[fault reason 0x[0-9a-f]{2}\]/,
    );
    await page.getByTestId('undo').click();
    await expect.poll(() => page.getByTestId('fault-line').count()).toBe(recordsBefore);
    expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
  }, 60_000);
});
