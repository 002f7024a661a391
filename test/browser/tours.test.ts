import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tourById, TOURS } from '../../src/tours/index.ts';
import { dmaStopOf, frameNodes, stopTab } from '../../src/tours/stopView.ts';
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

  it.each(TOURS.map((t) => [t.id, t.stops.length] as const))(
    'walks %s start to end, back twice, and leaves with Esc',
    async (id, n) => {
      const page = await harness.openApp(`tour=${id}&stop=1`);
      await expect.poll(() => counter(page)).toBe(`Stop 1 of ${n}`);
      for (let i = 2; i <= n; i++) {
        if (i % 2 === 0) await page.getByTestId('tour-next').click();
        else await page.keyboard.press('j');
        await expect.poll(() => counter(page)).toBe(`Stop ${i} of ${n}`);
        expect(page.url()).toContain(`#tour=${id}&stop=${i}`);
        // Every stop frames its nodes at a readable zoom (13 px labels at >= 12 px).
        const framed = frameNodes(TOURS.find((t) => t.id === id)!.stops[i - 1]!);
        await expect
          .poll(async () => (await graphView(page, framed)).out, { message: `stop ${i} framing` })
          .toEqual([]);
        expect((await graphView(page, framed)).k * 13).toBeGreaterThanOrEqual(11.99);
      }
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('k');
      await expect.poll(() => counter(page)).toBe(`Stop ${n - 2} of ${n}`);
      // Every highlighted node of that stop is drawn.
      const stop = TOURS.find((t) => t.id === id)!.stops[n - 3]!;
      for (const node of stop.highlight.nodes)
        expect(await page.locator(`[data-node="${node}"]`).count(), node).toBe(1);
      await harness.screenshot(page, `tour-${id}-stop${n - 2}`);
      // One counter: the header counts the tour's stops while it runs.
      expect(await page.getByTestId('step-count').textContent()).toBe(`stop ${n - 2} of ${n}`);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('tour-panel').count()).toBe(0);
      expect(page.url()).toContain('#workbench');
      expect(await page.getByTestId('step-count').textContent()).toMatch(/^step \d+\/\d+$/);
      expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
    },
  );

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

  /** The zoom of the graph's viewport and which of `nodes` lie fully inside the graph's box. */
  async function graphView(page: Page, nodes: readonly string[]) {
    return page.evaluate((ids) => {
      const svg = document.querySelector('.graph-svg')!.getBoundingClientRect();
      const k = Number(
        /scale\(([\d.]+)\)/.exec(document.querySelector('.graph-svg > g')!.getAttribute('transform') ?? '')?.[1] ??
          'NaN',
      );
      const out = ids.filter((id) => {
        const r = document.querySelector(`[data-node="${id}"]`)?.getBoundingClientRect();
        return (
          r === undefined ||
          r.left < svg.left - 1 ||
          r.right > svg.right + 1 ||
          r.top < svg.top - 1 ||
          r.bottom > svg.bottom + 1
        );
      });
      return { k, out };
    }, nodes);
  }

  it('three WQs stays in step: each stop shows its walk, frames its nodes readable, one counter, Undo/Redo off, leaving restores the title', async () => {
    const tour = tourById('three-wqs')!;
    const n = tour.stops.length;
    const page = await harness.openApp('workbench');
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('doc-title').waitFor();
    await page.evaluate(() => (window.location.hash = '#tour=three-wqs&stop=1'));
    for (let i = 1; i <= n; i++) {
      const stop = tour.stops[i - 1]!;
      await expect.poll(() => counter(page)).toBe(`Stop ${i} of ${n}`);
      // One counter: the header counts the same stops.
      expect(await page.getByTestId('step-count').textContent()).toBe(`stop ${i} of ${n}`);
      expect(await page.getByTestId('doc-title').textContent()).toBe('Tour: The three WQs');
      expect(await page.getByTestId('undo').isDisabled()).toBe(true);
      expect(await page.getByTestId('redo').isDisabled()).toBe(true);
      // The walk shown is the one the stop talks about; a stop without one does not open the Walk tab.
      const tab = stopTab(stop);
      await expect
        .poll(() => page.getByTestId(`tab-${tab}`).getAttribute('aria-selected'), { message: `stop ${i} tab` })
        .toBe('true');
      const dmaStop = dmaStopOf(tour, i - 1);
      if (tab === 'walk') {
        const dma = tour.stops[dmaStop!]!.commands.filter((c) => c['op'] === 'dma').at(-1)!;
        const request = await page.locator('.dma-request').getAttribute('title');
        expect(request, `stop ${i} walk`).toContain(`device=${String(dma['device'])} iova=${String(dma['iova'])}`);
        expect(await page.getByTestId('tour-walk-note').count()).toBe(0);
      }
      // The stop's nodes are framed at a zoom where 13 px labels are >= 12 px, and from stop 6 on the VMs are in view.
      await page.waitForTimeout(50);
      const view = await graphView(page, [...frameNodes(stop), ...(i >= 6 ? ['vm:vm1', 'vm:vm2'] : [])]);
      expect(view.k * 13, `stop ${i} label px`).toBeGreaterThanOrEqual(11.99);
      expect(view.out, `stop ${i} nodes out of view`).toEqual([]);
      if (i === 6) {
        await harness.screenshot(page, 'tour-three-wqs-stop6-1280');
        // Redo during the tour would put stop 7 on the graph while the text is at stop 6: it does nothing.
        const nodes = await page.getByTestId('graph-count').textContent();
        await page.keyboard.press('Control+Shift+Z');
        await page.keyboard.press('Control+Z');
        expect(await page.getByTestId('graph-count').textContent()).toBe(nodes);
        expect(await counter(page)).toBe('Stop 6 of 10');
        expect(await page.getByTestId('step-count').textContent()).toBe('stop 6 of 10');
      }
      if (i < n) await page.getByTestId('tour-next').click();
    }
    // The end of the tour offers an exercise.
    expect(await page.getByTestId('tour-exercise').getAttribute('href')).toMatch(/^#exercise=\d+$/);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('tour-panel').count()).toBe(0);
    expect(await page.getByTestId('doc-title').textContent()).toBe('The three WQs');
    expect(await page.getByTestId('step-count').textContent()).toMatch(/^step \d+\/\d+$/);
    expect(await page.getByTestId('undo').isDisabled()).toBe(false);
    expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
  });

  it.each([
    [390, 844],
    [1280, 720],
    [1920, 1080],
  ])(
    'at %ix%i: the iommufd tour drives the graph (PASID attach stop), and the landing page offers exercises',
    async (w, h) => {
      const page = await harness.openApp('tour=iommufd&stop=8');
      await page.setViewportSize({ width: w, height: h });
      await expect.poll(() => counter(page)).toBe('Stop 8 of 10');
      await expect.poll(() => page.locator('[data-node="domain:ioas1.auto0"]').count()).toBe(1);
      await expect.poll(() => page.locator('.dma-request').getAttribute('title')).toContain('device=dsa1 pasid=1');
      expect(await page.getByTestId('dma-pa').textContent()).toBe('0x100001234');
      await harness.screenshot(page, `tour-iommufd-stop8-${w}`);
      await page.evaluate(() => (window.location.hash = '#tour=three-wqs&stop=7'));
      await expect.poll(() => counter(page)).toBe('Stop 7 of 10');
      await page.waitForTimeout(100);
      if (w >= 1280) expect((await graphView(page, ['vm:vm1', 'vm:vm2'])).out).toEqual([]);
      await harness.screenshot(page, `tour-three-wqs-stop7-${w}`);
      await page.evaluate(() => (window.location.hash = '#tours'));
      await expect.poll(() => page.getByTestId('landing-exercises').isVisible()).toBe(true);
      await page.getByTestId('exercise-link-2').click();
      await expect.poll(() => page.getByTestId('exercise-page').isVisible()).toBe(true);
      expect(page.url()).toContain('#exercise=2');
      expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
    },
  );
});
