import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

// What a newcomer runs into on the built app: keys typed at once after Ctrl+K, focus after Apply.

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
