/**
 * UI benchmark: a generated scenario of 128 parents × 8 WQs = 1,024 mdevs, 16 assigned to each of
 * 64 VMs, loaded through a share link into the built app in headless Chromium. Reports the time to
 * the first rendered graph node and frames per second while panning and zooming for ~3 s.
 * Run: npm run bench:ui (builds dist/ first when it is missing).
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startHarness } from '../test/browser/harness.ts';
import type * as LzString from 'lz-string';

// lz-string is CommonJS: Node's ESM loader cannot see its named exports.
const { compressToEncodedURIComponent } = createRequire(import.meta.url)('lz-string') as typeof LzString;

const PARENTS = 128;
const WQS = 8;
const VMS = 64;
const PER_VM = 16;

function generate(): string {
  const steps: Record<string, unknown>[] = [];
  for (let p = 0; p < PARENTS; p++) {
    const bus = (0x10 + p).toString(16).padStart(2, '0');
    steps.push({ op: 'addDevice', id: `dsa${p}`, bdf: `0000:${bus}:01.0`, kind: 'parent', wqs: WQS });
  }
  for (let v = 0; v < VMS; v++) steps.push({ op: 'createVm', id: `vm${v}`, memory: '64MiB' });
  let n = 0;
  for (let p = 0; p < PARENTS; p++)
    for (let w = 0; w < WQS; w++) steps.push({ op: 'createMdev', id: `mdev${n++}`, parent: `dsa${p}`, wq: w });
  for (let i = 0; i < VMS * PER_VM; i++)
    steps.push({ op: 'assign', device: `mdev${i}`, vm: `vm${Math.floor(i / PER_VM)}` });
  return JSON.stringify({
    format: 'pasid-atlas/scenario@1',
    title: `${VMS} VMs × ${PER_VM} mdevs`,
    platform: { hostMemory: '16GiB' },
    steps,
  });
}

async function main() {
  if (!existsSync('dist/index.html')) execSync('npm run -s build', { stdio: 'inherit' });
  const scenario = generate();
  const hash = `s=${compressToEncodedURIComponent(scenario)}`;
  console.log(`scenario: ${JSON.parse(scenario).steps.length} steps, share hash ${hash.length} chars`);
  const harness = await startHarness();
  try {
    const t0 = Date.now();
    const page = await harness.openApp(hash);
    await page.waitForSelector('[data-testid="graph-svg"] :is(g.node, g.cluster)', { timeout: 120_000 });
    const firstRender = Date.now() - t0;
    const inPage = await page.evaluate(() => performance.now());
    const count = await page.getByTestId('graph-count').textContent();
    const rendered = await page.locator('[data-testid="graph-svg"] :is(g.node, g.cluster)').count();
    console.log(`graph: ${count}; ${rendered} node and cluster elements rendered at fit zoom`);
    const mark = Number(
      await page.evaluate(`Math.round(performance.getEntriesByName('atlas:first-graph')[0]?.startTime ?? -1)`),
    );
    const script = Number(
      await page.evaluate(
        `Math.round(performance.getEntriesByType('resource').find((r) => r.name.endsWith('.js'))?.responseEnd ?? -1)`,
      ),
    );
    console.log(
      `time to first graph render: ${firstRender} ms (navigation → first node seen by the driver; page clock ${Math.round(inPage)} ms)`,
    );
    console.log(
      `in page: first nodes committed at ${mark} ms after navigation start (JS bundle loaded at ${script} ms)`,
    );

    // Let the first layout, fit and paint settle before measuring interaction.
    const settle = Date.now();
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    console.log(`settled after ${Date.now() - settle} ms more`);
    const box = await page.getByTestId('graph-svg').boundingBox();
    if (!box) throw new Error('no graph');
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    // A string, not a function: tsx's keepNames helpers (__name) do not exist in the page.
    await page.evaluate(`(() => {
      window.__frames = 0;
      window.__run = true;
      const tick = () => { window.__frames++; if (window.__run) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    const start = Date.now();
    let i = 0;
    await page.mouse.move(cx, cy);
    while (Date.now() - start < 3000) {
      // Alternate zooming in/out with the wheel and dragging to pan.
      const phase = Math.floor(i / 20) % 3;
      if (phase === 0) await page.mouse.wheel(0, -120);
      else if (phase === 1) await page.mouse.wheel(0, 120);
      else {
        await page.mouse.down();
        await page.mouse.move(cx + 80 * Math.sin(i / 3), cy + 60 * Math.cos(i / 3), { steps: 2 });
        await page.mouse.up();
      }
      i++;
    }
    const elapsed = Date.now() - start;
    const frames = Number(await page.evaluate('(window.__run = false, window.__frames)'));
    console.log(
      `pan/zoom: ${i} input events in ${elapsed} ms, ${frames} frames → ${(frames / (elapsed / 1000)).toFixed(1)} fps`,
    );

    for (const tab of ['timeline', 'log']) {
      const t = Date.now();
      await page.getByTestId(`tab-${tab}`).click();
      await page.waitForSelector(tab === 'log' ? '[data-testid="log-entry"]' : '.timeline-list li');
      const rows = await page.locator(tab === 'log' ? '[data-testid="log-entry"]' : '.timeline-list li').count();
      console.log(`${tab} tab: ${Date.now() - t} ms to open, ${rows} rows in the DOM`);
    }
    const problems = harness.problems(page);
    if (problems.pageErrors.length + problems.consoleErrors.length > 0) console.log('page problems:', problems);
  } finally {
    await harness.close();
  }
}

await main();
