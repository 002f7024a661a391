import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

// What a newcomer runs into on the built app: keys typed at once after Ctrl+K, focus after Apply and Find.

/** The focused graph node's id (`vm:vm1`), else the focused element's tag. */
const focused = (page: Page) =>
  page.evaluate(
    () => (document.activeElement as HTMLElement | null)?.dataset['node'] ?? document.activeElement?.tagName,
  );

/** Is the node wholly inside the graph's view? */
const inView = (page: Page, id: string) =>
  page.evaluate((id) => {
    const svg = document.querySelector('[data-testid="graph-svg"]')!.getBoundingClientRect();
    const n = document.querySelector(`[data-node="${id}"]`)?.getBoundingClientRect();
    return n !== undefined && n.left >= svg.left && n.right <= svg.right && n.top >= svg.top && n.bottom <= svg.bottom;
  }, id);

describe('a newcomer in Chromium', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('Ctrl+K then typing at once (the palette still loading) keeps every letter and leaves the form behind alone', async () => {
    const page = await harness.openApp();
    await page.setViewportSize({ width: 390, height: 844 });
    const field = page.getByTestId('action-panel').locator('form input').first();
    await field.focus();
    const before = await field.inputValue();
    await page.keyboard.press('Control+k');
    await page.keyboard.type('create vm');
    const input = page.getByTestId('palette-input');
    await expect.poll(() => input.inputValue()).toBe('create vm');
    await expect.poll(() => page.locator('#palette-list [role=option]').first().textContent()).toMatch(/^Create a VM/);
    expect(await field.inputValue()).toBe(before);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('intent-picker').inputValue()).toBe('create-vm');
    expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
  });

  it('Find leaves focus on the found node, in view, so the arrow keys and Enter go on from it (keys at 390×844, mouse at 1280×720)', async () => {
    const page = await harness.openApp();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('graph-svg').locator('[data-node]').first().waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('vm1');
    await expect.poll(() => page.locator('#find-list [role=option]').first().textContent()).toMatch(/^vm1/);
    await page.keyboard.press('Enter');
    // The selection opens the inspector (the graph's view resizes): the found node stays focused and centred.
    await expect.poll(() => page.getByTestId('inspector').isVisible()).toBe(true);
    await expect.poll(() => focused(page)).toBe('vm:vm1');
    await page.waitForTimeout(300);
    expect(await focused(page)).toBe('vm:vm1');
    expect(await inView(page, 'vm:vm1')).toBe(true);
    // The phone lays the graph out top to bottom (layeredDown.ts): what backs vm1 is the row above.
    await page.keyboard.press('ArrowUp');
    expect(await focused(page)).toMatch(/^(ioasid|domain):vm1\.gpa/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('node-menu').isVisible()).toBe(true);
    await page.keyboard.press('Escape');

    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('find-open').click();
    await page.getByTestId('find-input').fill('vm2');
    await page.locator('#find-list [role=option]').first().click();
    await expect.poll(() => focused(page)).toBe('vm:vm2');
    await page.waitForTimeout(300);
    expect(await focused(page)).toBe('vm:vm2');
    expect(await inView(page, 'vm:vm2')).toBe(true);
    expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
  });

  it('Share link: the note stays while the document is unchanged (autosave does not clear it) and goes with the next change', async () => {
    const page = await harness.openApp();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('share').click();
    await expect.poll(() => page.getByTestId('file-note').textContent()).toBe('Share link copied');
    await page.waitForTimeout(1500);
    expect(await page.getByTestId('file-note').textContent()).toBe('Share link copied');
    await page.getByTestId('undo').click();
    await expect.poll(() => page.getByTestId('file-note').count()).toBe(0);
  });
});
