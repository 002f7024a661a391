/**
 * Import benchmark (`npm run bench:import`, issue 9): parse and replay a 100,000-step map/dma/unmap
 * file as the loader worker does (checkpoints only), the heap it peaks at, and the cost of time
 * travel (rebuilding a state from its checkpoint); then the fleets of bench/ui.bench.ts. Numbers are
 * for this machine.
 */
import { performance } from 'node:perf_hooks';
import { prepareDoc } from '../src/store/load/prepare.ts';
import { stateAt } from '../src/store/history.ts';
import { fleetScenario } from './fleetScenario.ts';
import { longScenario } from './longScenario.ts';

const STEPS = 100_000;
const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
const text = JSON.stringify(longScenario(STEPS));
globalThis.gc?.();
const base = process.memoryUsage().heapUsed;
let peak = base;
const t0 = performance.now();
const r = prepareDoc(text, Infinity, () => {
  peak = Math.max(peak, process.memoryUsage().heapUsed);
});
const took = performance.now() - t0;
if (!r.ok) throw new Error('message' in r ? r.message : 'cancelled');
peak = Math.max(peak, process.memoryUsage().heapUsed);
const { history, steps } = r.doc;
const t1 = performance.now();
let rebuilt = 0;
for (let i = 1; i < 200; i++) {
  stateAt(history, steps, (i * 997) % STEPS);
  rebuilt++;
}
const perRebuild = (performance.now() - t1) / rebuilt;
console.log(
  `${STEPS.toLocaleString('en-US')}-step import (parse + replay, ${(text.length / 1e6).toFixed(1)} MB):`.padEnd(52),
  `${(took / 1000).toFixed(1)} s`,
);
console.log('heap peak above the start'.padEnd(52), mib(peak - base));
console.log('checkpoints kept'.padEnd(52), history.checkpoints.length.toLocaleString('en-US'));
console.log('time travel: a state rebuilt from its checkpoint'.padEnd(52), `${perRebuild.toFixed(1)} ms`);

// The fleets of bench/ui.bench.ts (issue 11: the 64×16 file imports in ≤ 1 s), parsed and replayed alike.
for (const vms of [64, 256]) {
  const fleet = fleetScenario(vms);
  const t = performance.now();
  const f = prepareDoc(fleet, Infinity);
  if (!f.ok) throw new Error('message' in f ? f.message : 'cancelled');
  console.log(
    `${vms} VMs × 16 mdevs (${f.doc.steps.length.toLocaleString('en-US')} steps): parse + replay`.padEnd(52),
    `${Math.round(performance.now() - t)} ms`,
  );
}
