import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

// The workbench at phone, tablet, laptop and desktop sizes in both themes: no sideways scroll, the
// graph the largest region, a one-line header, axe clean; the skip link and the graph's keyboard.

const SIZES = [
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;

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

/** Sideways overflow, the graph's share of the screen, and the header's line boxes. */
function measure(page: Page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const graph = document.querySelector('[data-testid="graph"]')!.getBoundingClientRect();
    const header = document.querySelector('.app-header')!;
    const box = header.getBoundingClientRect();
    const shown = [...header.querySelectorAll('*')].filter(
      (c) =>
        c.getBoundingClientRect().width > 0 &&
        c.getBoundingClientRect().height > 0 &&
        getComputedStyle(c).position !== 'absolute',
    );
    // Every visible control inside the header's one line (nothing wrapped below or clipped).
    const outside = shown
      .filter(
        (c) => c.getBoundingClientRect().bottom > box.bottom + 1 || c.getBoundingClientRect().right > box.right + 1,
      )
      .map((c) => c.outerHTML.slice(0, 80));
    // Area of the graph inside the first screenful (narrow screens scroll as a page).
    const visibleH = Math.max(0, Math.min(graph.bottom, innerHeight) - Math.max(graph.top, 0));
    return {
      scrollWidth: doc.scrollWidth,
      clientWidth: doc.clientWidth,
      graphShare: (graph.width * visibleH) / (innerWidth * innerHeight),
      headerHeight: header.getBoundingClientRect().height,
      headerOutside: outside,
    };
  });
}

/**
 * The detail tabs that are not wholly in sight: outside the screen, or cut by their tab list (a strip
 * that scrolls sideways hides its last tabs with no sign they exist).
 */
function tabsOutOfSight(page: Page) {
  return page.evaluate(() => {
    const list = document.querySelector('[role="tablist"][aria-label="Detail views"]')!;
    const box = list.getBoundingClientRect();
    return [...list.querySelectorAll('[role="tab"]')]
      .filter((t) => {
        const r = t.getBoundingClientRect();
        return r.width === 0 || r.left < Math.max(0, box.left) - 0.5 || r.right > Math.min(innerWidth, box.right) + 0.5;
      })
      .map((t) => t.textContent)
      .concat(list.scrollWidth > list.clientWidth ? ['(the tab list scrolls)'] : []);
  });
}

/** The regions Tab passes through from the page's start, in order (repeats collapsed), with their boxes. */
async function tabRegions(page: Page) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const seen: string[] = [];
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press('Tab');
    const region = await page.evaluate(() => {
      const a = document.activeElement;
      const at = (sel: string) => a?.closest(sel) != null;
      if (a === null || a === document.body) return 'body';
      if (at('[data-testid="skip-link"]') || at('.app-header')) return 'header';
      if (at('[data-testid="graph"]')) return 'graph';
      if (at('[data-testid="inspector"]')) return 'inspector';
      // The splitter is the details' top edge.
      if (at('.bottom') || at('[data-testid="splitter"]')) return 'details';
      if (at('[data-testid="action-panel"]')) return 'actions';
      return a.tagName;
    });
    if (region === 'body' && seen.length > 0) break;
    if (seen.at(-1) !== region) seen.push(region);
  }
  const boxes = await page.evaluate(() =>
    Object.fromEntries(
      (
        [
          ['graph', '[data-testid="graph"]'],
          ['details', '.bottom'],
          ['actions', '[data-testid="action-panel"]'],
        ] as const
      ).map(([name, sel]) => {
        const r = document.querySelector(sel)!.getBoundingClientRect();
        return [name, { left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY }];
      }),
    ),
  );
  return { seen, boxes };
}

describe('layout at every size', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  for (const size of SIZES) {
    it(`${size.width}×${size.height}: no sideways scroll, the graph first and largest, one header line, axe clean in both themes`, async () => {
      const page = await harness.openApp();
      await page.setViewportSize(size);
      await page.getByTestId('graph-svg').locator('[data-node]').first().waitFor();
      for (const theme of ['light', 'dark'] as const) {
        if (theme === 'dark') {
          await page.getByTestId('theme-toggle').click();
          await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
        }
        const m = await measure(page);
        console.log(
          `layout ${size.width}x${size.height} ${theme}: graph ${(m.graphShare * 100).toFixed(1)}% of the screen`,
        );
        expect(m.scrollWidth).toBeLessThanOrEqual(m.clientWidth);
        expect(m.graphShare).toBeGreaterThanOrEqual(0.4);
        expect(m.headerHeight).toBe(44);
        expect(m.headerOutside).toEqual([]);
        expect(await tabsOutOfSight(page)).toEqual([]);
        expect(await axeViolations(page)).toEqual([]);
        await harness.screenshot(page, `layout-${size.width}x${size.height}-${theme}`);
      }
      // A DMA result and a selection (the inspector opens) must not make the page scroll sideways either.
      await page.getByTestId('node-mdev:mdev1').click();
      await expect.poll(() => page.getByTestId('inspector').isVisible()).toBe(true);
      expect((await measure(page)).scrollWidth).toBeLessThanOrEqual(size.width);
      await page.getByTestId('tab-tables').click();
      expect((await measure(page)).scrollWidth).toBeLessThanOrEqual(size.width);
      expect(await axeViolations(page)).toEqual([]);
      await harness.screenshot(page, `layout-${size.width}x${size.height}-inspector`);
      expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
    });
  }

  it('320, 430 and 2560 px: no sideways scroll, one header line, every detail tab in sight', async () => {
    for (const size of [
      { width: 320, height: 640 },
      { width: 430, height: 932 },
      { width: 2560, height: 1440 },
    ]) {
      const page = await harness.openApp();
      await page.setViewportSize(size);
      await page.getByTestId('graph-svg').locator('[data-node]').first().waitFor();
      const m = await measure(page);
      expect(m.scrollWidth).toBeLessThanOrEqual(m.clientWidth);
      expect(m.headerOutside).toEqual([]);
      expect(m.headerHeight).toBe(44);
      expect(m.graphShare).toBeGreaterThanOrEqual(0.4);
      expect(await tabsOutOfSight(page)).toEqual([]);
      await harness.screenshot(page, `layout-${size.width}x${size.height}`);
    }
  });

  it('390×844: the ⋯ menu offers the built-in scenarios, and picking one loads it', async () => {
    const page = await harness.openApp();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('graph-svg').locator('[data-node]').first().waitFor();
    await expect.poll(() => page.getByTestId('scenario-picker').isVisible()).toBe(false);
    await page.getByRole('button', { name: 'More actions' }).click();
    const picker = page.getByRole('combobox', { name: 'Scenario' });
    await picker.waitFor();
    expect(await picker.isVisible()).toBe(true);
    // The menu stays on screen: long scenario titles do not widen it past the phone's edge.
    const right = await page.locator('.menu-list').evaluate((el) => el.getBoundingClientRect().right);
    expect(right).toBeLessThanOrEqual(390);
    await harness.screenshot(page, 'layout-390x844-menu-scenarios');
    const nested = (await picker.locator('option').allTextContents()).find((t) => /nested/i.test(t));
    expect(nested).toBeDefined();
    await picker.selectOption({ label: nested! });
    await page.getByText(/Opened the built-in scenario/).waitFor();
    expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
  });

  it('Tab follows the picture: the graph, the details, then the actions at 390, 1280 and 1920 px', async () => {
    const page = await harness.openApp();
    await page.getByTestId('action-panel').waitFor();
    for (const size of [
      { width: 390, height: 844 },
      { width: 1280, height: 720 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(size);
      const { seen, boxes } = await tabRegions(page);
      expect(seen, `${size.width} px`).toEqual(['header', 'graph', 'details', 'actions']);
      const { graph, details, actions } = boxes as Record<
        string,
        { left: number; right: number; top: number; bottom: number }
      >;
      if (size.width < 900) {
        // One column: each below the one before.
        expect(details!.top).toBeGreaterThanOrEqual(graph!.bottom - 1);
        expect(actions!.top).toBeGreaterThanOrEqual(details!.bottom - 1);
      } else {
        // The details under the graph, the actions in the column right of both.
        expect(details!.top).toBeGreaterThanOrEqual(graph!.bottom - 1);
        expect(actions!.left).toBeGreaterThanOrEqual(Math.max(graph!.right, details!.right) - 1);
      }
    }
  });

  it('a document first shows its graph fitted as far as names stay readable; a pan of the user is kept after', async () => {
    for (const size of [
      { width: 390, height: 844 },
      { width: 1280, height: 720 },
      { width: 1920, height: 1080 },
    ]) {
      // Opened at this size (a phone's first view is not a laptop's resized).
      const context = await harness.browser.newContext({ viewport: size });
      const page = await context.newPage();
      await page.goto(`${harness.baseUrl}#workbench`);
      const svg = page.getByTestId('graph-svg');
      await svg.locator('[data-node]').first().waitFor();
      const view = () =>
        page.evaluate(() => {
          const box = document.querySelector('[data-testid="graph-svg"]')!.getBoundingClientRect();
          const nodes = [...document.querySelectorAll('[data-testid="graph-svg"] [data-node]')];
          const cut = nodes.filter((n) => n.getBoundingClientRect().right > box.right + 0.5);
          const transform = document.querySelector('[data-testid="graph-svg"] > g')!.getAttribute('transform')!;
          const k = Number(/scale\(([\d.]+)\)/.exec(transform)![1]);
          const label = document.querySelector('[data-testid="graph-svg"] .node-label')!;
          return {
            transform,
            shown: nodes.length - cut.length,
            cut: cut.length,
            namePx: parseFloat(getComputedStyle(label).fontSize) * k,
          };
        });
      const first = await view();
      console.log(
        `first show ${size.width}x${size.height}: ${first.shown} nodes in view, ${first.cut} cut, names ${first.namePx.toFixed(1)} px`,
      );
      // Names readable: at READABLE_PX (9) or more on screen.
      expect(first.namePx).toBeGreaterThanOrEqual(9);
      // Whole everywhere: on the phone laid out top to bottom (layeredDown.ts; left to right it was
      // wider than the phone at the readable zoom: 10 nodes up to the PASIDs, the rest by panning).
      expect(first.cut).toBe(0);
      expect(first.shown).toBe(17);
      if (size.width === 390) await harness.screenshot(page, 'layout-390x844-first-show');
      // The user pans; a selection then resizes the graph's view (the inspector opens): the pan stays.
      const b = (await svg.boundingBox())!;
      await page.mouse.move(b.x + b.width / 2, b.y + 20);
      await page.mouse.down();
      await page.mouse.move(b.x + b.width / 2 - 60, b.y + 40, { steps: 4 });
      await page.mouse.up();
      const panned = (await view()).transform;
      expect(panned).not.toBe(first.transform);
      await page.evaluate(() => (document.querySelector('[data-node="device:dsa0"]') as SVGGElement).focus());
      await page.keyboard.press(' ');
      await expect.poll(() => page.getByTestId('inspector').isVisible()).toBe(true);
      await page.waitForTimeout(200);
      expect((await view()).transform).toBe(panned);
      await context.close();
    }
  });

  it("the last DMA's outcome is never cut: beside the tabs when it fits, else on its own line (a tour's panel narrows the row)", async () => {
    for (const [hash, width] of [
      ['tour=iommufd&stop=8', 1280],
      ['workbench', 1280],
      ['workbench', 1920],
    ] as const) {
      const page = await harness.openApp(hash);
      await page.setViewportSize({ width, height: 720 });
      await expect.poll(() => page.locator('.dma-outcome').count()).toBe(1);
      const seen = await page.evaluate(() => {
        const outcome = document.querySelector<HTMLElement>('.dma-outcome')!;
        const r = outcome.getBoundingClientRect();
        const toggle = document.querySelector('[data-testid="expand-details"]')?.getBoundingClientRect();
        const overlaps =
          toggle !== undefined &&
          r.right > toggle.left &&
          r.left < toggle.right &&
          r.bottom > toggle.top &&
          r.top < toggle.bottom;
        return {
          cut: outcome.scrollWidth > outcome.clientWidth + 1,
          overlaps,
          inRow: r.right <= document.querySelector('.tab-row')!.getBoundingClientRect().right,
        };
      });
      expect({ hash, width, ...seen }).toEqual({ hash, width, cut: false, overlaps: false, inRow: true });
      await page.close();
    }
  });

  it('the splitter resizes the details panel with the keyboard; expand gives it the room', async () => {
    const page = await harness.openApp();
    await page.setViewportSize({ width: 1280, height: 720 });
    const bottom = page.locator('.bottom');
    const before = (await bottom.boundingBox())!.height;
    await page.getByTestId('splitter').focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => Math.round((await bottom.boundingBox())!.height)).toBe(Math.round(before + 48));
    await page.getByTestId('expand-details').click();
    await expect.poll(async () => (await bottom.boundingBox())!.height).toBeGreaterThan(450);
    await harness.screenshot(page, 'layout-expanded');
    await page.getByTestId('expand-details').click();
    await expect.poll(async () => Math.round((await bottom.boundingBox())!.height)).toBe(Math.round(before + 48));
  });

  it('keyboard: the landing link focuses the workbench start, the skip link reaches the graph, one Tab stop, arrows move, Enter opens the actions', async () => {
    const page = await harness.openApp('tours');
    await page.getByTestId('open-workbench').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('graph-svg').locator('[data-node]').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('skip-link');
    await harness.screenshot(page, 'keyboard-skip-link');
    await page.keyboard.press('Enter');
    const focused = () =>
      page.evaluate(
        () => (document.activeElement as HTMLElement | null)?.dataset['node'] ?? document.activeElement?.tagName,
      );
    const first = await focused();
    expect(first).toMatch(/^[a-z]/);
    // One Tab stop: every other node is tabindex -1.
    const stops = await page.evaluate(
      () =>
        [...document.querySelectorAll('[data-testid="graph-svg"] [data-node]')].filter(
          (n) => n.getAttribute('tabindex') === '0',
        ).length,
    );
    expect(stops).toBe(1);
    // From dsa0 → right reaches a WQ, then right an mdev (connected nodes).
    await page.getByTestId('node-device:dsa0').focus();
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toMatch(/^wq:/);
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toMatch(/^wq:/);
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toMatch(/^mdev:/);
    await expect.poll(() => page.getByTestId('node-tip').isVisible()).toBe(true);
    // The focus ring shows on a DMA-path (orange) node.
    const ring = await page.evaluate(
      () => getComputedStyle(document.activeElement!.querySelector('.node-focus')!).stroke,
    );
    expect(ring).not.toBe('none');
    await harness.screenshot(page, 'keyboard-focus-ring');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('node-menu').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('node-menu').count()).toBe(0);
    // Tab leaves the graph in one press.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="graph-svg"]') === null)).toBe(true);
    expect(harness.problems(page)).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
  });
});
