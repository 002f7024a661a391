import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

async function axeViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const axe = await builder.analyze();
  return axe.violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')})`,
  );
}

const structures = (page: Page, pane: 'A' | 'B') =>
  page.getByTestId(`compare-walk-${pane}`).locator('tbody th').allTextContents();

async function setTheme(page: Page, theme: 'light' | 'dark') {
  // The workbench is a lazy route: wait until it has set the theme before reading it, or a toggle
  // made while it still loads flips the theme the wrong way.
  await page.getByTestId('theme-toggle').waitFor();
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'] ?? null)).not.toBeNull();
  if ((await page.evaluate(() => document.documentElement.dataset['theme'])) !== theme)
    await page.getByTestId('theme-toggle').click();
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe(theme);
}

describe('compare view and vendor walks in Chromium', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it.each([
    [390, 844],
    [1280, 720],
    [1920, 1080],
  ])(
    'at %ix%i #compare opens on two designs (the seed on VT-d and on SMMUv3) with the differences marked',
    async (w, h) => {
      const page = await harness.openApp('#compare');
      await page.setViewportSize({ width: w, height: h });
      await expect.poll(() => page.getByTestId('compare-page').isVisible()).toBe(true);
      expect(await page.getByTestId('compare-iommu-A').inputValue()).toBe('vtd');
      expect(await page.getByTestId('compare-iommu-B').inputValue()).toBe('smmuv3');
      expect((await structures(page, 'A'))[0]).toBe('root');
      expect((await structures(page, 'B'))[0]).toBe('ste-l1');
      // What differs, first: structures and reads differ; the rows that differ are marked in both walks.
      expect(await page.getByTestId('diff-structures').getAttribute('data-same')).toBe('false');
      expect(await page.getByTestId('diff-structures').textContent()).toContain('pasid-table');
      expect(await page.getByTestId('diff-structures').textContent()).toContain('ste');
      expect(await page.getByTestId('diff-reads').getAttribute('data-same')).toBe('false');
      expect(await page.locator('[data-testid="compare-walk-A"] tr.is-diff').count()).toBeGreaterThan(0);
      expect(await page.locator('[data-testid="compare-walk-B"] tr.is-diff').count()).toBeGreaterThan(0);
      // The same design on both sides: nothing differs.
      await page.getByTestId('compare-iommu-B').selectOption('vtd');
      await expect.poll(() => page.getByTestId('compare-summary').locator('h2').textContent()).toBe('No differences');
      expect(await page.locator('[data-testid="compare-walk-B"] tr.is-diff').count()).toBe(0);
      // Two DMAs of one design: the outcome differs (VM1 or VM2), step numbers as the Timeline counts them.
      await page.getByTestId('compare-dma-A').selectOption('14');
      await page.getByTestId('compare-dma-B').selectOption('15');
      await expect.poll(() => page.getByTestId('diff-outcome').getAttribute('data-same')).toBe('false');
      expect(await page.getByTestId('diff-outcome').textContent()).toContain('0x40002000');
      expect(await page.getByTestId('diff-outcome').textContent()).toContain('0x80002000');
      expect(await page.getByTestId('compare-walk-A').locator('caption').textContent()).toContain('step 14');
      await page.getByTestId('compare-iommu-B').selectOption('smmuv3');
      await page.getByTestId('compare-dma-A').selectOption('15');
      await harness.screenshot(page, `compare-diff-${w}`);
      const scroll = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(scroll).toBeLessThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
      expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
    },
  );

  it('#compare: pane B on SMMUv3 walks ste…, pane A on VT-d walks root…; axe clean in both themes', async () => {
    const page = await harness.openApp('#compare');
    await page.setViewportSize({ width: 1280, height: 720 });
    await expect.poll(() => page.getByTestId('compare-page').isVisible()).toBe(true);
    await page.getByTestId('compare-iommu-B').selectOption('smmuv3');
    await expect.poll(() => structures(page, 'B')).toContain('ste');
    expect((await structures(page, 'B')).slice(0, 4)).toEqual(['ste-l1', 'ste', 'cd-l1', 'cd']);
    expect((await structures(page, 'A'))[0]).toBe('root');
    expect(await page.getByTestId('compare-graph-svg').count()).toBe(2);
    await harness.screenshot(page, 'compare-light');
    expect(await axeViolations(page)).toEqual([]);

    // The header link comes back to the compare view from the workbench.
    await page.goto(page.url().replace(/#.*$/, '#workbench'));
    await page.getByTestId('theme-toggle').waitFor();
    await setTheme(page, 'dark');
    await page.getByTestId('learn-menu').click();
    await page.getByTestId('nav-compare').click();
    await expect.poll(() => page.getByTestId('compare-page').isVisible()).toBe(true);
    await page.getByTestId('compare-scenario-B').selectOption('three-wqs-amd.json');
    await page.getByTestId('compare-iommu-B').selectOption('');
    await expect.poll(() => structures(page, 'B')).toContain('dte');
    await harness.screenshot(page, 'compare-dark');
    expect(await axeViolations(page)).toEqual([]);
    expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
  });

  it('three-wqs-smmuv3 in the workbench: a DMA walk decodes the STE and the CD', async () => {
    const page = await harness.openApp();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('scenario-picker').selectOption('three-wqs-smmuv3.json');
    await expect.poll(() => page.getByTestId('doc-title').textContent()).toContain('SMMUv3');
    // The scenario ends on a faulting DMA: issue a fresh one from mdev1.
    await page.getByTestId('op-picker').selectOption('dma');
    const form = page.getByTestId('form-dma');
    await form.getByTestId('field-device').selectOption('mdev1');
    await form.getByTestId('field-iova').fill('0x2abc');
    await form.getByTestId('apply-dma').click();
    await page.getByRole('tab', { name: 'Walk' }).click();
    const walk = page.getByRole('region', { name: 'Translation walk' });
    await expect.poll(() => walk.isVisible()).toBe(true);
    await expect.poll(() => walk.locator('.bitstrip-title').allTextContents()).toContain('StreamID 0x6a08');
    // Step to the STE and check its decoded fields.
    const forward = walk.getByRole('button', { name: 'Forward' });
    await forward.click();
    const current = walk.locator('[aria-current="step"]');
    await expect.poll(() => current.textContent()).toContain('Stream table entry (ste)');
    expect(await current.textContent()).toContain('stage 1 only');
    expect(await current.textContent()).toContain('S1ContextPtr');
    await harness.screenshot(page, 'walk-smmuv3-ste');
    await forward.click();
    await forward.click();
    await expect.poll(() => current.textContent()).toContain('Context descriptor (cd)');
    expect(await current.textContent()).toContain('ASID');
    expect(await current.textContent()).toContain('T0SZ');
    await harness.screenshot(page, 'walk-smmuv3-cd');
    expect(await axeViolations(page, '[aria-label="Translation walk"]')).toEqual([]);
    // The tables tab speaks SMMUv3.
    await page.getByRole('tab', { name: 'Tables' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Stream table & CDs' }).isVisible()).toBe(true);
    await harness.screenshot(page, 'tables-smmuv3');
    expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
  });

  it('the nested VT-d walk groups second-stage reads under the first-stage level they serve', async () => {
    const page = await harness.openApp();
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('scenario-picker').selectOption('nested.json');
    await expect.poll(() => page.getByTestId('doc-title').textContent()).toMatch(/nest/i);
    // The scenario ends on the NEST_PARENT: put nic0 back on the nested HWPT s1 and translate through both stages.
    await page.getByTestId('op-picker').selectOption('deviceReplace');
    const replace = page.getByTestId('form-deviceReplace');
    await replace.getByTestId('field-device').selectOption('nic0');
    await replace.getByTestId('field-pt').fill('s1');
    await replace.getByTestId('apply-deviceReplace').click();
    await page.getByTestId('op-picker').selectOption('dma');
    const dma = page.getByTestId('form-dma');
    await dma.getByTestId('field-device').selectOption('nic0');
    await dma.getByTestId('field-iova').fill('0x400123');
    await dma.getByTestId('apply-dma').click();
    await page.getByRole('tab', { name: 'Walk' }).click();
    const walk = page.getByRole('region', { name: 'Translation walk' });
    await expect.poll(() => walk.locator('.walk-group').count()).toBeGreaterThan(0);
    expect(await walk.locator('.walk-group').first().textContent()).toMatch(/^Second stage for S1 PL4/);
    await walk.locator('.walk-group').first().scrollIntoViewIfNeeded();
    await harness.screenshot(page, 'walk-nested');
    expect(await axeViolations(page, '[aria-label="Translation walk"]')).toEqual([]);
  });

  it('the workbench graph draws SVA PASIDs, the SVA domain and its process, in light and dark', async () => {
    const page = await harness.openApp();
    await page.setViewportSize({ width: 1280, height: 720 });
    await setTheme(page, 'light');
    await page.getByTestId('scenario-picker').selectOption('sva.json');
    await expect.poll(() => page.getByTestId('node-process:proc1').count()).toBe(1);
    expect(await page.getByTestId('edge-stage1:domain:proc1.sva->process:proc1').count()).toBe(1);
    expect(await page.getByTestId('edge-pasid:device:dsa0->pasid:dsa0/1').count()).toBe(1);
    await harness.screenshot(page, 'graph-sva-light');
    await setTheme(page, 'dark');
    await harness.screenshot(page, 'graph-sva-dark');
    expect(await axeViolations(page, '[data-testid="graph"]')).toEqual([]);
    await page.getByTestId('scenario-picker').selectOption('nested.json');
    await expect.poll(() => page.getByTestId('node-guest-table:gpt1').count()).toBe(1);
    await harness.screenshot(page, 'graph-nested-dark');
    expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
  });
});
