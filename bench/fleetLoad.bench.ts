/**
 * The first graph's CPU pieces (issue 11), in Node on the 64×16 and 256×16 fleets of
 * bench/ui.bench.ts: decoding the share link (lz-string, as store/shareLink.ts does), validating the text (parseScenarioText), and replaying
 * the steps into a history (replayScenario: commands, lines, checkpoints). Each is run 15 times;
 * the median is printed (the first runs warm the JIT, as a page does not: see bench:boot for that).
 * Run: npm run bench:load
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import type * as LzString from 'lz-string';
import { parseScenarioText, resolvePlatform, type Scenario } from '../src/engine/index.ts';
import { replayScenario } from '../src/store/load/replayScenario.ts';
import { fleetScenario } from './fleetScenario.ts';

// lz-string is CommonJS: Node's ESM loader sees no named exports (Vite's does, for shareLink.ts).
const { compressToEncodedURIComponent, decompressFromEncodedURIComponent } = createRequire(import.meta.url)(
  'lz-string',
) as typeof LzString;
const RUNS = 15;

// The first run of each piece, cold (as in a page, where it runs once, mostly interpreted): fresh
// process, 64×16 only, in the order the page runs them.
{
  const text = fleetScenario(64);
  const hash = compressToEncodedURIComponent(text);
  const t0 = performance.now();
  decompressFromEncodedURIComponent(hash);
  const t1 = performance.now();
  parseScenarioText(text);
  const t2 = performance.now();
  const scenario = JSON.parse(text) as Scenario;
  replayScenario(scenario, resolvePlatform(scenario.platform), Infinity);
  const t3 = performance.now();
  const ms = (a: number, b: number) => `${(b - a).toFixed(1)} ms`;
  console.log(
    `64 VMs × 16 mdevs, first run (cold): decode ${ms(t0, t1)} · validate ${ms(t1, t2)} · replay ${ms(t2, t3)}`,
  );
}

function median(run: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? NaN;
}

for (const vms of [64, 256]) {
  const text = fleetScenario(vms);
  const hash = compressToEncodedURIComponent(text);
  const scenario = JSON.parse(text) as Scenario;
  const platform = resolvePlatform(scenario.platform);
  const decode = median(() => {
    if (decompressFromEncodedURIComponent(hash) !== text) throw new Error('the fleet link does not decode');
  });
  const validate = median(() => {
    if (!parseScenarioText(text).ok) throw new Error('the fleet does not validate');
  });
  const replay = median(() => {
    if (!replayScenario(scenario, platform, Infinity).ok) throw new Error('the fleet does not replay');
  });
  const label = `${vms} VMs × 16 mdevs (${scenario.steps.length.toLocaleString('en-US')} steps)`;
  console.log(
    `${label}: decode ${decode.toFixed(1)} ms · validate ${validate.toFixed(1)} ms · replay ${replay.toFixed(1)} ms (medians of ${RUNS})`,
  );
}
