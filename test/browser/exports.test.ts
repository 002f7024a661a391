import { readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from './harness.ts';

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** How many distinct colours a grid of sampled pixels has (the PNG decoded by the page itself). */
async function distinctColours(page: Page, png: Buffer): Promise<number> {
  const url = `data:image/png;base64,${png.toString('base64')}`;
  return page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const seen = new Set<string>();
    for (let y = 0; y < c.height; y += Math.max(1, Math.floor(c.height / 60))) {
      for (let x = 0; x < c.width; x += Math.max(1, Math.floor(c.width / 60))) {
        const d = ctx.getImageData(x, y, 1, 1).data;
        seen.add(`${d[0]},${d[1]},${d[2]}`);
      }
    }
    return seen.size;
  }, url);
}

async function download(page: Page, testid: string): Promise<{ name: string; bytes: Buffer }> {
  await page.getByTestId('export-menu').click();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
}

describe('exports in the built app', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('exports the topology and walk as SVG and PNG', async () => {
    const page = await harness.openApp();
    await page.getByTestId('graph-svg').locator('[data-node]').first().waitFor();

    const svg = await download(page, 'export-topology-svg');
    expect(svg.name).toBe('pasid-atlas-topology.svg');
    const text = svg.bytes.toString('utf8');
    const parsed = await page.evaluate((t) => {
      const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
      const root = doc.documentElement;
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: root.nodeName,
        width: Number(root.getAttribute('width')),
        height: Number(root.getAttribute('height')),
        labels: [...doc.querySelectorAll('text')].map((n) => n.textContent),
      };
    }, text);
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('svg');
    expect(parsed.labels).toContain('dsa0');
    // Whole labels (nothing cut with …) and the legend in the image.
    expect(parsed.labels.filter((l) => l?.endsWith('…'))).toEqual([]);
    expect(parsed.labels.some((l) => l?.startsWith('0000:6a:01.0 rid '))).toBe(true);
    expect(parsed.labels).toContain('assigned');
    expect(parsed.labels).toContain('aux PASID');
    expect(text).not.toContain('var(--');

    const png = await download(page, 'export-topology-png');
    expect(png.name).toBe('pasid-atlas-topology.png');
    const size = pngSize(png.bytes);
    expect(size).toEqual({ width: parsed.width * 2, height: parsed.height * 2 });
    expect(await distinctColours(page, png.bytes)).toBeGreaterThan(3);

    const walkSvg = (await download(page, 'export-walk-svg')).bytes.toString('utf8');
    expect(walkSvg).toContain('Fault: not-mapped');

    const walkPng = await download(page, 'export-walk-png');
    const ws = pngSize(walkPng.bytes);
    expect(ws.width).toBe(1920);
    expect(await distinctColours(page, walkPng.bytes)).toBeGreaterThan(3);

    // Look at what was exported: show the PNGs in the page and screenshot them.
    await page.evaluate(
      ([a, b]) => {
        document.body.innerHTML = `<div style="background:#888;padding:8px"><img src="${a}" style="width:960px;display:block"><img src="${b}" style="width:960px;display:block;margin-top:8px"></div>`;
      },
      [
        `data:image/png;base64,${png.bytes.toString('base64')}`,
        `data:image/png;base64,${walkPng.bytes.toString('base64')}`,
      ],
    );
    await page.waitForFunction(() => [...document.images].every((i) => i.complete));
    await harness.screenshot(page, 'exports-pngs');
    expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
  });

  it('a dark-theme export has the dark background and no unresolved variables', async () => {
    const page = await harness.openApp();
    await page.getByTestId('graph-svg').locator('[data-node]').first().waitFor();
    await page.evaluate(
      () =>
        document.documentElement.dataset['theme'] === 'dark' ||
        document.querySelector<HTMLButtonElement>('[data-testid="theme-toggle"]')?.click(),
    );
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await page.getByTestId('export-menu').click();
    await harness.screenshot(page, 'exports-menu-dark');
    await page.getByTestId('export-menu').click();
    const svg = await download(page, 'export-topology-svg');
    const text = svg.bytes.toString('utf8');
    expect(text).toMatch(/<rect x="[-\d]+" y="[-\d]+" width="\d+" height="\d+" fill="rgb\(20, 23, 28\)"/);
    expect(text).not.toContain('var(--');
    const walk = await download(page, 'export-walk-svg');
    expect(walk.bytes.toString('utf8')).toContain('fill="#14171c"');
    expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
  });

  it('shows the diff with an earlier step', async () => {
    const page = await harness.openApp();
    await page.getByTestId('export-menu').click();
    await page.getByTestId('export-diff').click();
    await page.getByTestId('diff-from').selectOption('3');
    const axe = await new AxeBuilder({ page }).include('[data-testid="diff-panel"]').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await expect.poll(() => page.getByTestId('diff-body').textContent()).toContain('context[0x8] (dsa0)');
    await harness.screenshot(page, 'exports-diff');
    expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
  });

  it('#exercise=42: answer and see the verdict and the walk', async () => {
    const page = await harness.openApp('exercise=42');
    await expect.poll(() => page.getByTestId('exercise-question').textContent()).toMatch(/^Translate IOVA 0x/);
    await page.getByTestId('exercise-pa').fill('0x1');
    await page.getByTestId('exercise-check').click();
    await expect.poll(() => page.getByTestId('exercise-verdict').textContent()).toMatch(/Not quite\. The answer is /);
    const answer = (await page.getByTestId('exercise-verdict').locator('code').textContent()) ?? '';
    if (answer.startsWith('0x')) await page.getByTestId('exercise-pa').fill(answer);
    else await page.getByTestId('exercise-fault').selectOption(answer);
    await page.getByTestId('exercise-check').click();
    await expect.poll(() => page.getByTestId('exercise-verdict').textContent()).toMatch(/^Correct/);
    await page.getByRole('region', { name: 'Translation walk' }).waitFor();
    await harness.screenshot(page, 'exercise-42');
    const axe = await new AxeBuilder({ page }).include('[data-testid="exercise-page"]').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.getByTestId('exercise-next').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#exercise=43');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Exercise 43');
    expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
  });
});
