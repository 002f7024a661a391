/**
 * Focus mode, the inspector's path links and the minimap on the fleet-sized share link of issue 11
 * (64 VMs × 16 mdevs, 2,240 steps, as npm run bench:ui builds it) at 1280×720, with screenshots at
 * 390×844, 1280×720 and 1920×1080.
 */
import { compressToEncodedURIComponent } from 'lz-string';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetScenario } from '../helpers/fleet.ts';
import { startHarness, type Harness } from './harness.ts';

const HASH = `s=${compressToEncodedURIComponent(fleetScenario(64, 16))}`;

let harness: Harness;
let page: Page;
const node = (id: string) => page.locator(`[data-testid="graph-svg"] [data-node="${id}"]`);
const SVG = '[data-testid="graph-svg"]';

/** Is the node drawn and wholly inside the graph's visible area? */
async function onScreen(id: string): Promise<boolean> {
  const svg = (await page.getByTestId('graph-svg').boundingBox())!;
  if ((await node(id).count()) === 0) return false;
  const b = (await node(id).boundingBox())!;
  return b.x >= svg.x && b.y >= svg.y && b.x + b.width <= svg.x + svg.width && b.y + b.height <= svg.y + svg.height;
}

/** The opacity of everything marked lit and dimmed (nodes or clusters). */
function opacities(what: 'node' | 'cluster') {
  return page.evaluate(
    (sel) => {
      const of = (focus: string) =>
        [...document.querySelectorAll(`${sel}[data-focus="${focus}"]`)].map((e) => Number(getComputedStyle(e).opacity));
      return { lit: of('in'), dimmed: of('out') };
    },
    `${SVG} ${what === 'node' ? '[data-node]' : '[data-cluster]'}`,
  );
}

/**
 * How the view frames `id`: its offset from the graph's centre, the zoom, its name's size on screen,
 * and the lit nodes wholly on screen with the smallest of their names (px).
 */
function framing(id: string) {
  return page.evaluate(
    ([sel, id]) => {
      const svg = document.querySelector(sel)!;
      const box = svg.getBoundingClientRect();
      const namePx = (g: Element) => {
        const label = g.querySelector<SVGTextElement>('.node-label');
        return label === null ? 0 : parseFloat(getComputedStyle(label).fontSize) * (label.getScreenCTM()?.a ?? 0);
      };
      const g = svg.querySelector(`[data-node="${id}"]`)!;
      const r = g.querySelector('.node-box')!.getBoundingClientRect();
      const lit = [...svg.querySelectorAll('[data-node][data-focus="in"]')].filter((e) => {
        const b = e.getBoundingClientRect();
        return b.left >= box.left && b.top >= box.top && b.right <= box.right && b.bottom <= box.bottom;
      });
      return {
        k: svg.querySelector('g')!.getCTM()?.a ?? 0,
        dx: r.left + r.width / 2 - (box.left + box.width / 2),
        dy: r.top + r.height / 2 - (box.top + box.height / 2),
        px: namePx(g),
        litOnScreen: lit.length,
        smallestLit: Math.min(...lit.map(namePx)),
      };
    },
    [SVG, id] as const,
  );
}

async function find(name: string): Promise<void> {
  await page.getByTestId('graph-svg').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('/');
  const input = page.getByRole('combobox', { name: 'Find a node' });
  await input.fill(name);
  await expect
    .poll(() => page.getByRole('listbox', { name: 'Matching nodes' }).getByRole('option').first().textContent())
    .toContain(name);
  await page.keyboard.press('Enter');
  await expect.poll(() => onScreen(`vm:${name}`)).toBe(true);
}

beforeAll(async () => {
  harness = await startHarness();
  page = await harness.openApp(HASH);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.waitForSelector(`${SVG} .cluster-name`, { timeout: 60_000 });
}, 90_000);
afterAll(async () => harness?.close());

describe('fleet graph (64 VMs × 16 mdevs) at 1280×720', () => {
  it('vm37 found and selected: the inspector lists its 16 mdevs, 16 WQs and 2 parents', async () => {
    await find('vm37');
    const related = page.getByTestId('related');
    await expect.poll(() => related.getByRole('list', { name: 'mdevs' }).getByRole('button').count()).toBe(16);
    expect(await related.getByRole('list', { name: 'WQs' }).getByRole('button').count()).toBe(16);
    expect(await related.getByRole('list', { name: 'Devices' }).getByRole('button').count()).toBe(2);
  });

  it('F focuses on vm37: its paths stay lit, everything else drawn is dimmed', async () => {
    await page.keyboard.press('f');
    await expect.poll(() => page.getByTestId('focus-mode').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('focus-status').textContent()).toMatch(/^Focus on vm37: 38 objects on its paths/);
    const o = await opacities('node');
    // vm37 and what is drawn of its cluster (IOASID, domain, PASID entries) lit; what is drawn around it dimmed.
    expect(await node('vm:vm37').getAttribute('data-focus')).toBe('in');
    const drawn = await page
      .locator(`${SVG} [data-node]`)
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-node'), e.getAttribute('data-focus')]));
    for (const [id, focus] of drawn)
      if (id === 'ioasid:vm37.gpa' || id === 'domain:vm37.gpa.domain') expect(focus).toBe('in');
      else if (id?.startsWith('vm:') && id !== 'vm:vm37') expect(focus).toBe('out');
    // Around the framed paths, the other clusters (closed boxes at this zoom) or their nodes are dimmed.
    const dimmed = [...o.dimmed, ...(await opacities('cluster')).dimmed];
    expect(o.lit.length).toBeGreaterThanOrEqual(1);
    expect(dimmed.length).toBeGreaterThan(0);
    expect(Math.min(...o.lit)).toBe(1);
    expect(Math.max(...dimmed)).toBeLessThan(0.5);
    // The view frames the paths around vm37: centred, its name and every lit name drawn at >= 9 px.
    const m = await framing('vm:vm37');
    console.log(
      `focus on vm37 at 1280×720: zoom ${m.k.toFixed(2)}, vm37 off centre by (${m.dx.toFixed(1)}, ${m.dy.toFixed(1)}) px, ` +
        `name ${m.px.toFixed(1)} px, ${m.litOnScreen} of 39 lit objects on screen, smallest lit name ${m.smallestLit.toFixed(1)} px`,
    );
    expect(Math.abs(m.dx)).toBeLessThan(2);
    expect(Math.abs(m.dy)).toBeLessThan(2);
    expect(m.px).toBeGreaterThanOrEqual(9);
    expect(m.smallestLit).toBeGreaterThanOrEqual(9);
    // Its parents' clusters were opened: its domain, IOASID, PASIDs and some of its mdevs and WQs are on screen too.
    expect(m.litOnScreen).toBeGreaterThanOrEqual(12);
    // The inspector lists and links what is on its paths, by kind.
    const related = page.getByTestId('related');
    const counts: Record<string, number> = {};
    for (const kind of ['IOASIDs', 'Domains', 'PASID entries', 'mdevs', 'WQs', 'Devices'])
      counts[kind] = await related.getByRole('list', { name: kind }).getByRole('button').count();
    expect(counts).toEqual({ IOASIDs: 1, Domains: 1, 'PASID entries': 2, mdevs: 16, WQs: 16, Devices: 2 });
    await harness.screenshot(page, 'focus-1280x720');
  });

  it('on the overview, the clusters on its paths stay lit: vm37 and the parents of its mdevs', async () => {
    await page.getByTestId('fit-view').click();
    // With the inspector open the overview is too far out to name each cluster at 9 px: it names the VM groups.
    await expect.poll(() => page.locator(`${SVG} .cluster-group-name`).count()).toBe(64);
    expect(await page.locator(`${SVG} .cluster-group-name:not(.dimmed)`).allTextContents()).toEqual(['vm37']);
    const lit = await page
      .locator(`${SVG} [data-cluster][data-focus="in"]`)
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-cluster')));
    expect(lit).toHaveLength(3);
    const o = await opacities('cluster');
    expect(o.dimmed.length).toBe((await page.locator(`${SVG} [data-cluster]`).count()) - 3);
    expect(o.dimmed.length).toBeGreaterThanOrEqual(64 + 128 - 3);
    expect(Math.max(...o.dimmed)).toBeLessThan(0.5);
    await harness.screenshot(page, 'focus-overview-1280x720');
    // The whole graph is on screen: no minimap.
    expect(await page.getByTestId('minimap').isVisible()).toBe(false);
  });

  it('an inspector link selects that mdev and centres it; focus follows the selection', async () => {
    const link = page.getByTestId('related').getByRole('list', { name: 'mdevs' }).getByRole('button').last();
    const mdev = (await link.textContent())!;
    await link.click();
    await expect.poll(() => onScreen(`mdev:${mdev}`)).toBe(true);
    expect(await node(`mdev:${mdev}`).getAttribute('aria-pressed')).toBe('true');
    expect(await node(`mdev:${mdev}`).getAttribute('data-focus')).toBe('in');
    expect(await page.getByTestId('focus-status').textContent()).toMatch(new RegExp(`^Focus on ${mdev}:`));
    // Leaving focus mode leaves the view where it was.
    const before = await page.locator(`${SVG} > g`).getAttribute('transform');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-focus]').count()).toBe(0);
    expect(await page.locator(`${SVG} > g`).getAttribute('transform')).toBe(before);
  });

  it('the minimap shows where the view is and jumps on a click', async () => {
    const map = page.getByTestId('minimap');
    await expect.poll(() => map.isVisible()).toBe(true);
    const box = (await map.boundingBox())!;
    const view = page.getByTestId('minimap-view');
    const before = (await view.boundingBox())!;
    const target = { x: box.x + box.width * 0.25, y: box.y + box.height * 0.6 };
    await page.mouse.click(target.x, target.y);
    // The view box moved to where the click was, and what is drawn changed with it.
    await expect
      .poll(async () => {
        const b = (await view.boundingBox())!;
        return Math.hypot(b.x + b.width / 2 - target.x, b.y + b.height / 2 - target.y);
      })
      .toBeLessThan(Math.hypot(before.x + before.width / 2 - target.x, before.y + before.height / 2 - target.y));
    await expect.poll(() => page.locator(`${SVG} [data-node]`).count()).toBeGreaterThan(0);
    await harness.screenshot(page, 'minimap-1280x720');
  });

  // The selection (an mdev) lists its VM; the VM then lists its parent devices (a device focused shows its VMs).
  it.each([
    [390, 844, 'VMs'],
    [1920, 1080, 'Devices'],
  ])('looks right at %i×%i, focused on one of the selection’s %s (screenshot)', async (width, height, group) => {
    await page.setViewportSize({ width, height });
    await page.getByTestId('related').getByRole('list', { name: group }).getByRole('button').first().click();
    await page.getByTestId('focus-mode').click();
    await expect.poll(() => page.locator('[data-focus="in"]').count()).toBeGreaterThan(0);
    await page.waitForTimeout(200);
    await harness.screenshot(page, `focus-${width}x${height}`);
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1280, height: 720 });
  });
});
