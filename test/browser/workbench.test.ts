import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillOpForm } from './forms.ts';
import { startHarness, type Harness } from './harness.ts';

// The workbench against the built dist/ served from a sub-path.

async function apply(page: Page, op: string, fields: Record<string, string>) {
  await fillOpForm(page, op, fields);
  await page.getByTestId(`form-${op}`).getByTestId(`apply-${op}`).click();
}

const stepCount = (page: Page) => page.getByTestId('step-count').textContent();

async function axeViolations(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).analyze();
  return axe.violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')})`,
  );
}

describe('workbench in Chromium', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('first load shows the three-WQs scenario; axe passes in both themes', async () => {
    const page = await harness.openApp();
    await expect.poll(() => page.getByTestId('graph-count').textContent()).toContain('17 nodes');
    // Readable at 1280×720: the fitted graph's node labels are drawn at 12 px or more.
    const labelPx = await page.evaluate(() => {
      const label = document.querySelector<SVGTextElement>('[data-testid="graph-svg"] .node-label');
      const ctm = label?.getScreenCTM();
      return ctm ? Number.parseFloat(getComputedStyle(label!).fontSize) * ctm.a : 0;
    });
    expect(labelPx).toBeGreaterThanOrEqual(12);
    expect(await axeViolations(page)).toEqual([]);
    await harness.screenshot(page, 'workbench-light');
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    expect(await axeViolations(page)).toEqual([]);
    await harness.screenshot(page, 'workbench-dark');
    await page.getByTestId('node-mdev:mdev1').click();
    await page.getByTestId('tab-tables').click();
    expect(await axeViolations(page)).toEqual([]);
    await harness.screenshot(page, 'workbench-dark-tables');
    expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
  });

  it('at 390×844 the Apply bar sits under the intent description, not over it', async () => {
    const page = await harness.openApp();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('intent-picker').selectOption('add-dsa');
    const form = page.locator('[data-testid="action-panel"] form');
    const summary = (await form.locator('.op-summary').boundingBox())!;
    const bar = (await form.locator('.form-actions').boundingBox())!;
    await harness.screenshot(page, 'actions-390x844');
    expect(bar.y).toBeGreaterThanOrEqual(summary.y + summary.height - 0.5);
  });

  it('a plain drag on a node pans; Shift+drag moves the node (view state only); Lock layout stops that', async () => {
    const page = await harness.openApp();
    await expect.poll(() => page.getByTestId('graph-count').textContent()).toContain('17 nodes');
    const node = page.getByTestId('node-vm:vm1');
    const y = async () => Math.round((await node.boundingBox())?.y ?? 0);
    // vm1's place in the layout, in screen pixels at the current zoom: a pan keeps it, a move changes it.
    const gap = () =>
      page.evaluate(() => {
        const place = document.querySelector('[data-node="vm:vm1"]')?.getAttribute('transform') ?? '';
        const view = document.querySelector('[data-testid="graph-svg"] > g')?.getAttribute('transform') ?? '';
        const layoutY = Number(/translate\([^,]+,([^)]+)\)/.exec(place)?.[1]);
        const k = Number(/scale\(([^)]+)\)/.exec(view)?.[1]);
        return Math.round(layoutY * k);
      });
    const dragNode = async (dy: number, shift: boolean) => {
      const box = await node.boundingBox();
      if (!box) throw new Error('vm1 not drawn');
      await page.mouse.move(box.x + 20, box.y + 10);
      if (shift) await page.keyboard.down('Shift');
      await page.mouse.down();
      await page.mouse.move(box.x + 20, box.y + 10 + dy, { steps: 5 });
      await page.mouse.up();
      if (shift) await page.keyboard.up('Shift');
    };
    const gap0 = await gap();
    const steps = await stepCount(page);
    const y0 = await y();
    await dragNode(60, false);
    await expect.poll(y).toBe(y0 + 60);
    expect(await gap()).toBe(gap0);
    expect(await page.getByTestId('reset-positions').count()).toBe(0);

    // Shift+press also means "extend the selection" to a browser: the move must not select the page's
    // text from the last click (here the toolbar's count) to the node.
    await page.getByTestId('graph-count').click();
    await dragNode(80, true);
    await expect.poll(gap).toBe(gap0 + 80);
    expect(await stepCount(page)).toBe(steps);
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('');

    await page.getByTestId('lock-layout').click();
    await expect.poll(() => page.getByTestId('lock-layout').getAttribute('aria-pressed')).toBe('true');
    const y1 = await y();
    await dragNode(-40, true);
    await expect.poll(y).toBe(y1 - 40);
    expect(await gap()).toBe(gap0 + 80);

    await page.getByTestId('reset-positions').click();
    await expect.poll(gap).toBe(gap0);
  });

  it('seed story from an empty state, undo/redo, reload and share link', async () => {
    const page = await harness.openApp();
    await page.getByTestId('more-menu').click();
    await page.getByTestId('reset').click();
    await expect.poll(() => stepCount(page)).toBe('step 0/0');
    await apply(page, 'addDevice', { id: 'dsa0', bdf: '0000:6a:01.0', kind: 'parent', wqs: '3' });
    await apply(page, 'createVm', { id: 'vm1', memory: '1GiB' });
    await apply(page, 'createVm', { id: 'vm2', memory: '1GiB' });
    await apply(page, 'createMdev', { id: 'mdev1', parent: 'dsa0', wq: '1' });
    await apply(page, 'createMdev', { id: 'mdev2', parent: 'dsa0', wq: '2' });
    await apply(page, 'assign', { device: 'mdev1', vm: 'vm1' });
    await apply(page, 'assign', { device: 'mdev2', vm: 'vm2' });
    await expect.poll(() => stepCount(page)).toBe('step 7/7');
    await apply(page, 'dma', { device: 'mdev1', iova: '0x2000', access: 'read' });
    await expect.poll(() => page.getByTestId('dma-vm').textContent()).toBe('vm1');
    await harness.screenshot(page, 'seed-dma-mdev1');
    await apply(page, 'dma', { device: 'mdev2', iova: '0x2000', access: 'write' });
    await expect.poll(() => page.getByTestId('dma-vm').textContent()).toBe('vm2');
    expect(await page.getByTestId('dma-summary').textContent()).toContain('GPA 0x2000');
    await page.getByTestId('tab-log').click();
    await page.getByTestId('log-entry').first().waitFor(); // the log is its own chunk (panels/lazyPanels.ts)
    expect(await page.getByTestId('log-entry').count()).toBe(9);
    await harness.screenshot(page, 'seed-log');

    await page.getByTestId('undo').click();
    await page.getByTestId('undo').click();
    await expect.poll(() => stepCount(page)).toBe('step 7/9');
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => stepCount(page)).toBe('step 8/9');
    await page.getByTestId('redo').click();
    await expect.poll(() => stepCount(page)).toBe('step 9/9');

    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => stepCount(page)).toBe('step 9/9');
    expect(await page.getByTestId('graph-count').textContent()).toContain('15 nodes');

    await page.getByTestId('share').click();
    await expect.poll(() => page.url()).toContain('#s=');
    const hash = new URL(page.url()).hash;
    const fresh = await harness.openApp(hash);
    await expect.poll(() => stepCount(fresh)).toBe('step 9/9');
    await fresh.getByTestId('tab-timeline').click();
    await harness.screenshot(fresh, 'shared-timeline');
    expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
  });

  it('a broken share link shows the error and a working app (the built-in scenario for a first visit)', async () => {
    const page = await harness.openApp('s=garbage');
    await expect
      .poll(() => page.getByTestId('error-banner').textContent())
      .toMatch(/^The share link is broken: .*; the built-in scenario is shown instead\./);
    const seeded = (await stepCount(page)) ?? '';
    const n = Number(/\/(\d+)/.exec(seeded)?.[1]);
    expect(n).toBeGreaterThan(0);
    await apply(page, 'addDevice', { id: 'dev0', bdf: '0000:01:00.0', kind: 'pdev', wqs: '' });
    await expect.poll(() => stepCount(page)).toBe(`step ${n + 1}/${n + 1}`);
    expect(await axeViolations(page)).toEqual([]);
    await harness.screenshot(page, 'broken-link');
  });
});
