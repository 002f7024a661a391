import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOURS } from '../../src/tours/index.ts';
import { startHarness, type Harness } from './harness.ts';

const counter = (page: Page) => page.getByTestId('tour-counter').textContent();

describe('guided tours in Chromium', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('a first-time visitor sees the landing page; axe passes; a card opens its tour', async () => {
    const page = await harness.openApp('');
    await expect.poll(() => page.getByTestId('landing').isVisible()).toBe(true);
    expect(await page.locator('.tour-card').count()).toBe(TOURS.length);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await harness.screenshot(page, 'tours-landing');
    await page.getByRole('link', { name: /The three WQs/ }).click();
    await expect.poll(() => counter(page)).toBe(`Stop 1 of ${TOURS[0]!.stops.length}`);
    expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
  });

  it.each(TOURS.map((t) => [t.id, t.stops.length] as const))('walks %s start to end, back twice, and leaves with Esc', async (id, n) => {
    const page = await harness.openApp(`tour=${id}&stop=1`);
    await expect.poll(() => counter(page)).toBe(`Stop 1 of ${n}`);
    for (let i = 2; i <= n; i++) {
      if (i % 2 === 0) await page.getByTestId('tour-next').click();
      else await page.keyboard.press('j');
      await expect.poll(() => counter(page)).toBe(`Stop ${i} of ${n}`);
      expect(page.url()).toContain(`#tour=${id}&stop=${i}`);
    }
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('k');
    await expect.poll(() => counter(page)).toBe(`Stop ${n - 2} of ${n}`);
    // Every highlighted node of that stop is drawn.
    const stop = TOURS.find((t) => t.id === id)!.stops[n - 3]!;
    for (const node of stop.highlight.nodes) expect(await page.locator(`[data-node="${node}"]`).count(), node).toBe(1);
    await harness.screenshot(page, `tour-${id}-stop${n - 2}`);
    // One counter: the header counts the tour's stops while it runs.
    expect(await page.getByTestId('step-count').textContent()).toBe(`stop ${n - 2} of ${n}`);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('tour-panel').count()).toBe(0);
    expect(page.url()).toContain('#workbench');
    expect(await page.getByTestId('step-count').textContent()).toMatch(/^step \d+\/\d+$/);
    expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
  });

  it('a deep link opens a stop; glossary tooltips are focusable; the glossary page lists terms', async () => {
    const page = await harness.openApp('tour=faults&stop=2');
    await expect.poll(() => counter(page)).toContain('Stop 2 of');
    expect(await page.getByTestId('tour-kernel-log').textContent()).toBe(
      'DMAR: [DMA Read PASID 0x5] Request device [6a:01.0] fault addr 0x1000 [fault reason 0x59] SM: Present bit in PASID Table Entry is clear',
    );
    const term = page.locator('.gloss-term').first();
    await term.focus();
    const tip = page.locator(`#${(await term.getAttribute('aria-describedby'))!.replace(/:/g, '\\:')}`);
    await expect.poll(() => tip.isVisible()).toBe(true);
    const axe = await new AxeBuilder({ page }).include('[data-testid="tour-panel"]').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await harness.screenshot(page, 'tour-faults-tooltip');
    await page.goto(page.url().replace(/#.*$/, '#glossary=PASID'));
    await expect.poll(() => page.getByTestId('glossary-page').isVisible()).toBe(true);
    expect(await page.locator('.glossary-entry').count()).toBeGreaterThan(40);
  });
});
