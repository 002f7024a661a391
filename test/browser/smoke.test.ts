import { AxeBuilder } from '@axe-core/playwright';
import { pathToFileURL } from 'node:url';
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

  // index.html's inline script: a page whose scripts never run says why instead of "Loading …" forever.
  it('opened from a file, it says to serve it over HTTP', async () => {
    const context = await harness.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${pathToFileURL('dist/index.html').href}#workbench`);
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toMatch(/^PASID Atlas cannot start from a file: .*python3 -m http\.server/);
    await context.close();
  });

  it('an entry file that fails to download is named, with what to do', async () => {
    const context = await harness.browser.newContext();
    const page = await context.newPage();
    await page.route(/\/assets\/index-[^/]+\.js$/, (route) => route.abort());
    await page.goto(`${harness.baseUrl}#workbench`);
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toMatch(/^PASID Atlas could not load one of its files \(index-[^)]+\.js\)\. Reload the page to try again\.$/);
    await context.close();
  });
});
