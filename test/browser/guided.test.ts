import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillFields } from './forms.ts';
import { startHarness, type Harness } from './harness.ts';

// Guided building against the built dist/: the seed from an empty workbench in four guided actions
// (the issue allows six), each DMA translating; the command palette by keyboard; screenshots.

const stepCount = (page: Page) => page.getByTestId('step-count').textContent();

/** One guided action: pick it, change the given fields, Apply. */
async function guided(page: Page, id: string, fields: Record<string, string> = {}) {
  await page.getByTestId('intent-picker').selectOption(id);
  const form = page.getByTestId(`intent-${id}`);
  await fillFields(form, fields);
  await form.getByTestId('apply-intent').click();
}

async function axeOn(page: Page, selector: string): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).include(selector).analyze();
  return axe.violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')})`,
  );
}

const SIZES = [
  { width: 390, height: 844 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;

describe('guided building in Chromium', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('builds the seed from an empty workbench in four guided actions; a DMA from each WQ translates', async () => {
    const page = await harness.openApp();
    await page.getByTestId('more-menu').click();
    await page.getByTestId('reset').click();
    await expect.poll(() => stepCount(page)).toBe('step 0/0');
    let actions = 0;
    for (const id of ['add-dsa', 'host-wq', 'vm-mdev', 'vm-mdev']) {
      await guided(page, id);
      actions++;
    }
    expect(actions).toBeLessThanOrEqual(6);
    await expect.poll(() => stepCount(page)).toBe('step 11/11');
    await expect.poll(() => page.getByTestId('graph-count').textContent()).toContain('17 nodes');
    expect(await page.getByTestId('form-error').count()).toBe(0);

    // WQ1 (wq0.0) for the host through domain1, WQ2/WQ3 as mdevs in VM1/VM2.
    for (const [device, pa, vm] of [
      ['dsa0', '0x10000000', null],
      ['mdev1', '0x40000000', 'vm1'],
      ['mdev2', '0x80000000', 'vm2'],
    ] as const) {
      await guided(page, 'dma', { device });
      await expect.poll(() => page.getByTestId('dma-pa').first().textContent()).toContain(pa);
      if (vm !== null) await expect.poll(() => page.getByTestId('dma-vm').first().textContent()).toBe(vm);
    }
    await expect.poll(() => stepCount(page)).toBe('step 14/14');
    // One undo per guided action: three undos take back the three DMAs, the fourth the whole VM2 recipe.
    for (let i = 0; i < 4; i++) await page.getByTestId('undo').click();
    await expect.poll(() => stepCount(page)).toBe('step 8/14');
    await page.getByTestId('redo').click();
    await expect.poll(() => stepCount(page)).toBe('step 11/14');
    expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
  });

  it('the palette opens with Ctrl+K, filters, runs by Enter; forms and palette pass axe; screenshots at three sizes', async () => {
    const page = await harness.openApp();
    await expect.poll(() => page.getByTestId('graph-count').textContent()).toContain('17 nodes');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.getByTestId('intent-picker').selectOption('host-wq');
      await harness.screenshot(page, `guided-host-wq-${size.width}`);
      await page.getByTestId('intent-picker').selectOption('dma');
      await page.getByTestId('intent-dma').getByTestId('field-device').selectOption('mdev1');
      await harness.screenshot(page, `guided-dma-${size.width}`);
      expect(await axeOn(page, '[data-testid="action-panel"]')).toEqual([]);

      await page.keyboard.press('Control+k');
      const input = page.getByRole('combobox', { name: 'Find an action or op' });
      await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.type('map');
      await harness.screenshot(page, `palette-${size.width}`);
      expect(await axeOn(page, '[data-testid="palette"]')).toEqual([]);
      // Inside the viewport, no sideways scroll.
      const box = await page.getByTestId('palette').boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= size.width).toBe(true);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('palette').count()).toBe(0);
      // "map": the guided "Map memory" first, then the raw op; ArrowDown + Enter opened the second.
      await expect.poll(() => page.getByTestId('form-map').count()).toBe(1);
      await page.keyboard.press('Escape');
    }
    expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
  });

  it('a bad value is shown at its field in the form’s words and takes focus; the form passes axe at three sizes', async () => {
    const page = await harness.openApp();
    await expect.poll(() => page.getByTestId('graph-count').textContent()).toContain('17 nodes');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.getByTestId('intent-picker').selectOption('map');
      const form = page.getByTestId('intent-map');
      const iova = form.getByTestId('field-iova');
      await iova.fill('zzz');
      // By keyboard: Enter in another field applies the form; focus goes to the bad one.
      await form.getByTestId('field-pa').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => iova.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await iova.getAttribute('aria-invalid')).toBe('true');
      expect(await form.getByTestId('field-error').textContent()).toBe('IOVA: expected a hex address such as 0x1000');
      const described = await iova.evaluate((el) =>
        (el.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent)
          .join(' | '),
      );
      expect(described).toContain('IOVA: expected a hex address such as 0x1000');
      // The message sits under its field, inside the viewport's width.
      const box = await form.getByTestId('field-error').boundingBox();
      const field = await iova.boundingBox();
      expect(box !== null && field !== null && box.y >= field.y + field.height - 1).toBe(true);
      expect(box !== null && box.x >= 0 && box.x + box.width <= size.width).toBe(true);
      await form.getByTestId('field-error').scrollIntoViewIfNeeded();
      await harness.screenshot(page, `form-issue-map-${size.width}`);
      expect(await axeOn(page, '[data-testid="action-panel"]')).toEqual([]);
      await iova.fill('0x7000');
      expect(await form.getByTestId('field-error').count()).toBe(0);
    }
    expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
  });
});
