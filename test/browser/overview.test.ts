import { AxeBuilder } from '@axe-core/playwright';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetScenario } from '../helpers/fleet.ts';
import { startHarness, type Harness } from './harness.ts';
import type * as LzString from 'lz-string';

// Issue 11: the 64 VMs × 16 mdevs share link (as npm run bench:ui builds it) at 1280×720. After Fit
// every VM and parent device is named at >= 9 px on screen; find `vm37` selects it, opens its
// cluster and centres it at a readable zoom.

// lz-string is CommonJS: Node's ESM loader cannot see its named exports.
const { compressToEncodedURIComponent } = createRequire(import.meta.url)('lz-string') as typeof LzString;
const HASH = `s=${compressToEncodedURIComponent(fleetScenario(64, 16))}`;

/** Every drawn closed cluster's name: its text, rendered font size in px, whether it lies inside the graph (or its width). */
function clusterNames(page: Page, selector = '.cluster-name') {
  return page.evaluate((selector) => {
    const svg = document.querySelector('[data-testid="graph-svg"]')!;
    const box = svg.getBoundingClientRect();
    // The names shown (the grouped level hides the clusters' own names with CSS, and the other way round).
    const shown = [...svg.querySelectorAll<SVGTextElement>(selector)].filter(
      (t) => getComputedStyle(t).display !== 'none',
    );
    return shown.map((t) => {
      const r = t.getBoundingClientRect();
      const k = t.getScreenCTM()?.a ?? 0;
      return {
        name: t.textContent ?? '',
        px: parseFloat(getComputedStyle(t).fontSize) * k,
        inside:
          r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1,
        insideX: r.left >= box.left - 1 && r.right <= box.right + 1,
        onScreen: r.bottom > box.top && r.top < box.bottom,
      };
    });
  }, selector);
}

describe('fleet overview (64 VMs × 16 mdevs)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });

  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const)
    it(`names every VM and parent device after Fit at ${width}×${height}`, async () => {
      const page = await harness.openApp(HASH);
      await page.setViewportSize({ width, height });
      await page.waitForSelector('[data-testid="graph-svg"] .cluster-name', { timeout: 60_000 });
      await page.getByTestId('fit-view').click();
      await page.waitForTimeout(300);
      await harness.screenshot(page, `overview-${width}x${height}`);
      const names = await clusterNames(page);
      const vms = names.filter((n) => /^vm\d+$/.test(n.name));
      const devices = names.filter((n) => /^dsa\d+$/.test(n.name));
      expect(vms.length).toBe(64);
      expect(devices.length).toBe(128);
      expect(names.every((n) => n.inside)).toBe(true);
      const smallest = Math.min(...[...vms, ...devices].map((n) => n.px));
      console.log(`${width}×${height}: ${names.length} clusters named, smallest name ${smallest.toFixed(1)} px`);
      expect(smallest).toBeGreaterThanOrEqual(9);
      expect(await page.locator('[data-testid="graph-svg"] g.node').count()).toBe(0);
      expect(harness.problems(page).pageErrors).toEqual([]);
    }, 90_000);

  it('at 390×844 Fit wraps the overview to the width, names readable, and it scrolls down to the last VM', async () => {
    const page = await harness.openApp(HASH);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForSelector('[data-testid="graph-svg"] .cluster-name', { timeout: 60_000 });
    await page.getByTestId('fit-view').click();
    await page.waitForTimeout(300);
    await harness.screenshot(page, 'overview-390x844');
    const svg = (await page.getByTestId('graph-svg').boundingBox())!;
    // Drag the overview up half a view at a time: every VM and parent device appears, named at ≥ 9 px,
    // never cut by the view's sides (the layout is as wide as the phone).
    const seen = new Map<string, number>();
    for (let step = 0; step < 12; step++) {
      for (const n of await clusterNames(page)) {
        if (!/^(vm|dsa)\d+$/.test(n.name) || !n.onScreen) continue;
        expect(n.insideX, n.name).toBe(true);
        seen.set(n.name, Math.min(seen.get(n.name) ?? Infinity, n.px));
      }
      if (seen.size === 64 + 128) break;
      const x = svg.x + svg.width / 2;
      await page.mouse.move(x, svg.y + svg.height * 0.75);
      await page.mouse.down();
      await page.mouse.move(x, svg.y + svg.height * 0.25, { steps: 4 });
      await page.mouse.up();
      await page.waitForTimeout(150);
    }
    await harness.screenshot(page, 'overview-390x844-scrolled');
    // The minimap stays small on a phone (it covered a quarter of the graph) and folds away.
    const map = (await page.getByTestId('minimap').boundingBox())!;
    expect((map.width * map.height) / (svg.width * svg.height)).toBeLessThan(0.08);
    await page.getByRole('button', { name: 'Hide the minimap' }).click();
    expect(await page.getByTestId('minimap').isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Show the minimap' }).click();
    const smallest = Math.min(...seen.values());
    console.log(`390×844: ${seen.size} VMs and devices named on the way down, smallest ${smallest.toFixed(1)} px`);
    expect(seen.size).toBe(64 + 128);
    expect(smallest).toBeGreaterThanOrEqual(9);
    expect(harness.problems(page).pageErrors).toEqual([]);
  }, 120_000);

  it('finds vm37: selected, its cluster open, centred and readable', async () => {
    const page = await harness.openApp(HASH);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.waitForSelector('[data-testid="graph-svg"] .cluster-name', { timeout: 60_000 });
    await page.getByTestId('graph-svg').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    const input = page.getByRole('combobox', { name: 'Find a node' });
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await input.fill('vm37');
    await expect
      .poll(() => page.getByRole('listbox', { name: 'Matching nodes' }).getByRole('option').first().textContent())
      .toContain('vm37');
    await page.keyboard.press('Enter');
    const node = page.locator('[data-node="vm:vm37"]');
    await node.waitFor();
    await expect.poll(() => node.getAttribute('aria-pressed')).toBe('true');
    await page.waitForTimeout(200);
    await harness.screenshot(page, 'overview-find-vm37');
    const m = await page.evaluate(() => {
      const svg = document.querySelector('[data-testid="graph-svg"]')!.getBoundingClientRect();
      const g = document.querySelector('[data-node="vm:vm37"]')!;
      const r = g.getBoundingClientRect();
      const label = g.querySelector('.node-label')!;
      return {
        dx: r.left + r.width / 2 - (svg.left + svg.width / 2),
        dy: r.top + r.height / 2 - (svg.top + svg.height / 2),
        px: parseFloat(getComputedStyle(label).fontSize) * ((label as SVGTextElement).getScreenCTM()?.a ?? 0),
        focused: document.activeElement === g,
      };
    });
    await harness.screenshot(page, 'overview-find-vm37');
    expect(Math.abs(m.dx)).toBeLessThan(20);
    expect(Math.abs(m.dy)).toBeLessThan(20);
    expect(m.px).toBeGreaterThanOrEqual(12);
    expect(m.focused).toBe(true);
    // Its cluster is open: the PASIDs and the domain of vm37 are drawn around it.
    expect(await page.locator('[data-node="domain:vm37.gpa.domain"]').count()).toBe(1);
  }, 90_000);

  it('a click on a closed cluster opens it in place, framed; zooming out keeps it open until Fit', async () => {
    const page = await harness.openApp(HASH);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.waitForSelector('[data-testid="cluster-device:dsa40"]', { timeout: 60_000 });
    await page.getByTestId('cluster-device:dsa40').click();
    const wq = page.locator('[data-node="wq:dsa40/3"]');
    await wq.waitFor();
    await expect
      .poll(() => page.locator('[data-node="device:dsa40"]').evaluate((el) => el === document.activeElement))
      .toBe(true);
    expect(await page.locator('[data-node="mdev:mdev327"] .node-label').count()).toBe(1);
    await harness.screenshot(page, 'overview-open-dsa40');
    await page.getByTestId('fit-view').click();
    await expect.poll(() => page.locator('[data-node="wq:dsa40/3"]').count()).toBe(0);
    expect(await page.getByTestId('cluster-device:dsa40').count()).toBe(1);
  }, 90_000);

  it('the keyboard walks the closed clusters, opens one and closes it again (key and button), announcing each', async () => {
    const page = await harness.openApp(HASH);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.waitForSelector('[data-testid="graph-svg"] .cluster-name', { timeout: 60_000 });
    await page.getByTestId('fit-view').click();
    const active = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return { cluster: el?.dataset['cluster'] ?? null, node: el?.dataset['node'] ?? null };
      });
    // The Tab stop is a closed cluster; arrows move between clusters in their direction.
    await page.locator('[data-testid="graph-svg"] [data-cluster][tabindex="0"]').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const first = await active();
    expect(first.cluster).toMatch(/^device:dsa\d+$/);
    await page.keyboard.press('ArrowDown');
    const below = await active();
    expect(below.cluster).not.toBe(first.cluster);
    const boxes = await page.evaluate(
      (ids) => ids.map((id) => document.querySelector(`[data-cluster="${id}"]`)!.getBoundingClientRect().top),
      [first.cluster!, below.cluster!],
    );
    expect(boxes[1]!).toBeGreaterThan(boxes[0]!);
    // Only the focused cluster holds the Tab stop.
    expect(await page.locator('[data-testid="graph-svg"] [data-cluster][tabindex="0"]').count()).toBe(1);
    expect(await page.locator(`[data-cluster="${below.cluster}"]`).getAttribute('tabindex')).toBe('0');
    // Enter opens it: focus on one of its nodes; Backspace closes it and focuses its box again.
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await active()).node).not.toBeNull();
    expect(await page.getByTestId('cluster-status').textContent()).toMatch(/^Opened .*Backspace closes it\.$/);
    await harness.screenshot(page, 'overview-keyboard-open');
    // The open frames with their close buttons are axe clean.
    const axe = await new AxeBuilder({ page }).include('[data-testid="graph-svg"] .cluster.open').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.keyboard.press('Backspace');
    await expect.poll(async () => (await active()).cluster).toBe(below.cluster);
    expect(await page.getByTestId('cluster-status').textContent()).toMatch(/^Closed /);
    // Drawn as one box again, though the zoom that framed it opens the clusters around it.
    expect(await page.locator(`[data-cluster="${below.cluster}"][role="button"]`).count()).toBe(1);
    // The close button does the same for a cluster opened by a click, even at a zoom that opens the others.
    await page.getByTestId('fit-view').click();
    await page.getByTestId('cluster-device:dsa40').click();
    await page.locator('[data-node="wq:dsa40/3"]').waitFor();
    await harness.screenshot(page, 'overview-open-close-button');
    const close = page.getByRole('button', { name: 'Close dsa40' });
    await close.click();
    await expect.poll(() => page.locator('[data-node="wq:dsa40/3"]').count()).toBe(0);
    expect(await page.getByTestId('cluster-device:dsa40').count()).toBe(1);
    expect(harness.problems(page).pageErrors).toEqual([]);
  }, 90_000);

  it('256 VMs × 16 mdevs: the overview shows every VM cluster, each VM group named at >= 9 px', async () => {
    const page = await harness.openApp(`s=${compressToEncodedURIComponent(fleetScenario(256, 16))}`);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.waitForSelector('[data-testid="graph-svg"] .cluster-name', { timeout: 120_000 });
    await page.getByTestId('fit-view').click();
    await page.waitForTimeout(300);
    await harness.screenshot(page, 'overview-256x16-1280x720');
    // Every VM cluster's box is drawn inside the view; too small to name each cluster readably (4.6 px),
    // the overview names each VM group (the VM and its two parents) once, by its VM, across the group.
    const boxes = await page.evaluate(() => {
      const svg = document.querySelector('[data-testid="graph-svg"]')!;
      const box = svg.getBoundingClientRect();
      return [...svg.querySelectorAll('[data-cluster^="vm:"] .cluster-box')].map((b) => {
        const r = b.getBoundingClientRect();
        return r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
      });
    });
    expect(boxes).toHaveLength(256);
    expect(boxes.every(Boolean)).toBe(true);
    const groups = await clusterNames(page, '.cluster-group-name');
    expect(new Set(groups.map((n) => n.name))).toEqual(new Set(Array.from({ length: 256 }, (_, i) => `vm${i}`)));
    expect(groups.every((n) => n.inside)).toBe(true);
    const smallest = Math.min(...groups.map((n) => n.px));
    console.log(
      `256×16 at 1280×720: ${boxes.length} VM clusters drawn, 256 groups named, smallest ${smallest.toFixed(1)} px`,
    );
    expect(smallest).toBeGreaterThanOrEqual(9);
    // No cluster of a group is named on its own (the host, in no group, keeps its name).
    expect((await clusterNames(page)).map((n) => n.name)).toEqual(['host']);
  }, 180_000);

  it('the overview is axe clean in the dark theme; a closed cluster is a named button and the Tab stop', async () => {
    const page = await harness.openApp(HASH);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.waitForSelector('[data-testid="graph-svg"] .cluster-name', { timeout: 60_000 });
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await page.getByTestId('fit-view').click();
    await page.waitForTimeout(300);
    await harness.screenshot(page, 'overview-1280x720-dark');
    const axe = await new AxeBuilder({ page }).include('[data-testid="graph"]').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    const tile = page.getByRole('button', { name: /^host.*Open the cluster$/ });
    expect(await tile.getAttribute('tabindex')).toBe('0');
    await page.getByRole('button', { name: 'vm5: 2 PASIDs · 1 domain · 1 IOASID. Open the cluster' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-node'))).toBe('vm:vm5');
  }, 90_000);
});
