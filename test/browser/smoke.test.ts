import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

describe('smoke: built app served from a sub-path', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('shows the header with no errors and no axe violations', async () => {
    const page = await harness.openApp();

    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'PASID Atlas' }).isVisible()).toBe(true);
    expect(await page.title()).toBe('PASID Atlas');

    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    await harness.screenshot(page, 'smoke-home');
    expect(harness.problems(page)).toEqual({
      consoleErrors: [],
      pageErrors: [],
      failedRequests: [],
    });
  });
});
