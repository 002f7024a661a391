import { createRequire } from 'node:module';
import { startHarness } from '../test/browser/harness.ts';
import { fleetScenario } from './fleetScenario.ts';
const { compressToEncodedURIComponent } = createRequire(import.meta.url)('lz-string');
const harness = await startHarness();
for (const vms of [64, 256]) {
  const page = await harness.openApp(`s=${compressToEncodedURIComponent(fleetScenario(vms))}`);
  await page.waitForFunction(`document.querySelector('[data-testid="step-count"]')?.textContent?.includes('/')`);
  await page.waitForTimeout(1500);
  const out: number[] = [];
  for (let i = 0; i < 4; i++) {
    out.push(await page.evaluate<number>(`new Promise((resolve) => {
      const count = () => document.querySelector('[data-testid="step-count"]')?.textContent;
      const before = count(); const t = performance.now();
      document.querySelector('[data-testid="undo"]').click();
      const tick = () => (count() !== before ? requestAnimationFrame(() => resolve(Math.round(performance.now() - t))) : requestAnimationFrame(tick));
      requestAnimationFrame(tick);
    })`));
    await page.waitForTimeout(200);
  }
  console.log(vms, 'undo ms', out.join(' '));
  await page.close();
}
await harness.close();
