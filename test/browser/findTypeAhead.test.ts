/**
 * The find box's popup is its own chunk (panels/lazyPanels.ts): keys typed between `/` and its input
 * taking focus join the query instead of being lost or reaching the graph's own keys (F focuses).
 * The chunk is held back here so the keys certainly arrive before it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

describe('find box type-ahead', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('keeps what is typed while its chunk loads', async () => {
    // Its own page, so the chunk is held back from the first request (openApp's page may fetch it when idle).
    const context = await harness.browser.newContext({ viewport: { width: 1280, height: 800 } });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await context.route(/FindPopup-[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${harness.baseUrl}#workbench`);
    await expect.poll(() => page.getByTestId('graph-svg').isVisible()).toBe(true);
    await page.getByTestId('graph-svg').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    await page.keyboard.type('dsaf');
    await page.keyboard.press('Backspace');
    expect(await page.getByTestId('find-input').count()).toBe(0);
    release();
    const input = page.getByTestId('find-input');
    await expect.poll(() => input.isVisible()).toBe(true);
    expect(await input.inputValue()).toBe('dsa');
    // The typed F went to the query, not to focus mode.
    expect(await page.getByRole('status').filter({ hasText: 'Focus' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => input.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
