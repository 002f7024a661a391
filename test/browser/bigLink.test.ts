/**
 * A big share link (issue 11) starts loading before the app's chunks have arrived: a mid-sized one
 * on the main thread (src/store/load/earlyPrepare.ts), a bigger one in the share worker
 * (earlyShare.ts). Either way it opens in its own document beside the saved work, draws the fleet,
 * undoes step by step, and a broken one says so in one sentence and loses nothing.
 */
import { compressToEncodedURIComponent } from 'lz-string';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetScenario } from '../../bench/fleetScenario.ts';
import { EARLY_HASH_CHARS, WORKER_HASH_CHARS } from '../../src/store/load/earlyShare.ts';
import { startHarness, type Harness } from './harness.ts';

const FLEET = fleetScenario(64);
const HASH = `#s=${compressToEncodedURIComponent(FLEET)}`;

/** Which of the early paths the page took: prepared on the main thread (earlyPrepare.ts), the share worker's script. */
const earlyPaths = (page: Page) =>
  page.evaluate(() => ({
    preparedEarly: performance.getEntriesByName('atlas:prepared-early').length > 0,
    shareWorker: performance
      .getEntriesByType('resource')
      .some((r) => /\/assets\/share\.worker-[^/]+\.js$/.test(r.name)),
  }));

const keptDocs = (page: Page) =>
  page.evaluate(() => {
    const idx = JSON.parse(localStorage.getItem('pasid-atlas:index') ?? '{"docs":[]}') as {
      docs: { name: string; steps: number; origin: string }[];
    };
    return idx.docs.map((d) => `${d.name}|${d.steps}|${d.origin}`);
  });

/** Saved work: a built-in scenario the user picked, kept in storage. */
async function makeSavedWork(page: Page): Promise<string> {
  await page.getByTestId('scenario-picker').selectOption('shared-gpa.json');
  await expect.poll(async () => (await keptDocs(page)).length).toBe(1);
  return (await keptDocs(page))[0]!;
}

describe('a big share link in Chromium', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness.close();
  });

  it('opens in its own document over saved work, draws the fleet and undoes', async () => {
    expect(HASH.length).toBeGreaterThan(EARLY_HASH_CHARS); // it takes the early path, on the main thread
    expect(HASH.length).toBeLessThanOrEqual(WORKER_HASH_CHARS);
    const page = await harness.openApp('workbench');
    const saved = await makeSavedWork(page);
    await page.goto(`${harness.baseUrl}${HASH}`);
    await page.reload();
    await expect.poll(() => page.getByTestId('doc-title').textContent()).toBe('64 VMs × 16 mdevs');
    await expect.poll(() => page.getByTestId('graph-count').textContent()).toMatch(/^2,?497 nodes/);
    await expect.poll(() => page.getByTestId('step-count').textContent()).toContain('2240/2240');
    await expect.poll(() => page.getByTestId('saved-work').textContent()).toContain('One GPA space, two devices');
    expect(await earlyPaths(page)).toEqual({ preparedEarly: true, shareWorker: false });
    expect(await keptDocs(page)).toEqual([saved]); // the link's document is kept only once edited
    await page.getByTestId('undo').click();
    await expect.poll(() => page.getByTestId('step-count').textContent()).toContain('2239/2240');
    // (The reload may abort the first load's favicon request: only errors count here.)
    expect({ ...harness.problems(page), failedRequests: [] }).toEqual({
      consoleErrors: [],
      pageErrors: [],
      failedRequests: [],
    });
  });

  it('a broken big link says so in one sentence and shows the saved work', async () => {
    const page = await harness.openApp('workbench');
    const saved = await makeSavedWork(page);
    // Valid lz-string data cut short: it decompresses to text that is not a whole scenario.
    await page.goto(`${harness.baseUrl}${HASH.slice(0, EARLY_HASH_CHARS + 1000)}`);
    await page.reload();
    await expect
      .poll(() => page.getByTestId('error-banner').textContent(), { timeout: 20_000 })
      .toMatch(/^The share link is broken: [^.;]+; your saved work is shown instead\./);
    expect(await page.getByTestId('doc-title').textContent()).toBe('One GPA space, two devices');
    expect(await keptDocs(page)).toEqual([saved]);
    // (The reload may abort the first load's favicon request: only errors count here.)
    expect({ ...harness.problems(page), failedRequests: [] }).toEqual({
      consoleErrors: [],
      pageErrors: [],
      failedRequests: [],
    });
  });

  it('a link too big for the main thread loads in the share worker', async () => {
    const hash = `#s=${compressToEncodedURIComponent(fleetScenario(512))}`;
    expect(hash.length).toBeGreaterThan(WORKER_HASH_CHARS);
    const page = await harness.openApp('workbench');
    await page.goto(`${harness.baseUrl}${hash}`);
    await page.reload();
    await expect.poll(() => page.getByTestId('step-count').textContent(), { timeout: 30_000 }).toContain('17920/17920');
    expect(await page.getByTestId('doc-title').textContent()).toBe('512 VMs × 16 mdevs');
    expect(await earlyPaths(page)).toEqual({ preparedEarly: false, shareWorker: true });
    expect({ ...harness.problems(page), failedRequests: [] }).toEqual({
      consoleErrors: [],
      pageErrors: [],
      failedRequests: [],
    });
  });
});
