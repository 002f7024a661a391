/**
 * Engine benchmarks (`npm run bench`): translation throughput with and without IOTLB hits,
 * mapping and unmapping 1 GiB in 4 KiB pages, and commands applied per second.
 * Numbers are for this machine; each measurement runs after a warm-up.
 */
import { runWorkload } from '../src/engine/workload.ts';
import {
  Iotlb,
  TranslateResult,
  WalkTrace,
  applyCommand,
  initialState,
  resolvePlatform,
  translate,
  type Command,
  type DmaRequest,
  type EngineState,
} from '../src/engine/index.ts';

function must(state: EngineState, ...cmds: Command[]): EngineState {
  for (const c of cmds) {
    const r = applyCommand(state, c);
    if (!r.ok) throw new Error(`${c.op}: ${r.error.message}`);
    state = r.state;
  }
  return state;
}

function time(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const rows: [string, string][] = [];
const report = (name: string, value: string) => {
  rows.push([name, value]);
  console.log(`${name.padEnd(52)} ${value}`);
};

// A device with a 4-level table mapping 64 MiB in 4 KiB pages (16384 leaves, 32 PL1 tables).
const PAGES = 16384;
const state = must(
  initialState(resolvePlatform({ addressWidth: 48, hostMemory: '16GiB' })),
  { op: 'addDevice', id: 'nic0', bdf: '0000:3b:00.0', kind: 'pdev' },
  { op: 'allocDomain', id: 'd', type: 'UNMANAGED' },
  { op: 'attach', domain: 'd', device: 'nic0' },
  { op: 'map', domain: 'd', iova: '0x7f0000000000', pa: '0x100001000', size: PAGES * 4096, prot: 'rw' },
);
const dev = state.devices.get('nic0')!;
const frames = state.memory.frames;
const trace = new WalkTrace();
const out = new TranslateResult();
const BASE_VPFN = 0x7f0000000000 / 4096;
const req: DmaRequest = { bus: dev.bus, devfn: dev.devfn, pasid: -1, vpfn: BASE_VPFN, offset: 0x10, write: false };

function walks(n: number, iotlb: Iotlb | null): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    req.vpfn = BASE_VPFN + ((i * 7919) & (PAGES - 1));
    translate(frames, state.rootTable, req, iotlb, iotlb !== null, trace, out);
    sum += out.pfn;
  }
  return sum;
}

// 1. Full walks: no IOTLB, every translation reads 8 entries (root, context, PASID dir, PASID entry, PL4..PL1).
walks(200_000, null);
if (out.outcome !== 0 || trace.length !== 8) throw new Error('bench set-up does not translate with a full walk');
const N_WALK = 3_000_000;
const tWalk = time(() => walks(N_WALK, null));
report('full 4-level walks (IOTLB miss) per second', fmt(N_WALK / tWalk));

// 2. IOTLB hits: the same requests with every page cached (the 4 structure reads still happen).
const iotlb = new Iotlb(PAGES);
walks(PAGES * 2, iotlb);
walks(200_000, iotlb);
if (!out.hit) throw new Error('bench set-up does not hit the IOTLB');
const N_HIT = 5_000_000;
const tHit = time(() => walks(N_HIT, iotlb));
report('IOTLB hits per second', fmt(N_HIT / tHit));

// 3. Workloads: a stream of 1,000,000 DMAs (64-byte accesses over 64 MiB) through runWorkload.
for (const pattern of ['sequential', 'random'] as const) {
  let stats = runWorkload(state, {
    device: 'nic0',
    iova: 0x7f0000000000n,
    bytes: PAGES * 4096,
    dmas: 1000,
    pattern,
    iotlbEntries: 1024,
  });
  const t = time(() => {
    stats = runWorkload(state, {
      device: 'nic0',
      iova: 0x7f0000000000n,
      bytes: PAGES * 4096,
      dmas: 1_000_000,
      pattern,
      iotlbEntries: 1024,
      seed: 7,
    });
  });
  report(
    `workload: 1,000,000 ${pattern} DMAs, 1024-entry IOTLB (s)`,
    `${t.toFixed(3)} (hit rate ${(stats.hitRate * 100).toFixed(1)}%)`,
  );
}

// 4. Map and unmap 1 GiB in 4 KiB pages: the PA is offset by 4 KiB so no large page fits.
let big = must(initialState(resolvePlatform({ hostMemory: '16GiB' })), {
  op: 'allocDomain',
  id: 'g',
  type: 'UNMANAGED',
});
const tMap = time(() => {
  big = must(big, { op: 'map', domain: 'g', iova: '0x40000000', pa: '0x80001000', size: '1GiB', prot: 'rw' });
});
report('map 1 GiB in 4 KiB pages (262,144 PTEs) (ms)', (tMap * 1000).toFixed(1));
const tUnmap = time(() => {
  big = must(big, { op: 'unmap', domain: 'g', iova: '0x40000000', size: '1GiB' });
});
report('unmap 1 GiB of 4 KiB pages (ms)', (tUnmap * 1000).toFixed(1));

// 5. Commands applied per second: a cycle of 8 typical commands through applyCommand.
const cycle: Command[] = [
  { op: 'allocDomain', id: 'x', type: 'UNMANAGED' },
  { op: 'addDevice', id: 'p', bdf: '0000:11:00.0', kind: 'pdev' },
  { op: 'attach', domain: 'x', device: 'p' },
  { op: 'map', domain: 'x', iova: '0x100000', pa: '0x200000', size: '64KiB', prot: 'rw' },
  { op: 'dma', device: 'p', iova: '0x101000', access: 'write' },
  { op: 'unmap', domain: 'x', iova: '0x100000', size: '64KiB' },
  { op: 'detach', device: 'p' },
  { op: 'freeDomain', id: 'x' },
];
let cmdState = must(initialState(resolvePlatform({ hostMemory: '4GiB' })));
const pBase = cmdState;
let applied = 0;
const tCmd = time(() => {
  for (let round = 0; round < 3000; round++) {
    cmdState = round % 50 === 0 ? pBase : cmdState;
    for (const c of cycle) {
      if (c.op === 'addDevice' && cmdState.devices.has('p')) continue;
      const r = applyCommand(cmdState, c);
      if (!r.ok) throw new Error(`${c.op}: ${r.error.message}`);
      cmdState = r.state;
      applied++;
    }
  }
});
report('commands applied per second (mixed)', fmt(applied / tCmd));

// 6. The dma command end to end (walk formatted as hex for the runner and UI).
let dmaState = state;
const N_DMA = 50_000;
const tDma = time(() => {
  for (let i = 0; i < N_DMA; i++) {
    const r = applyCommand(dmaState, {
      op: 'dma',
      device: 'nic0',
      iova: '0x' + (0x7f0000000000 + ((i * 7919) % PAGES) * 4096).toString(16),
      access: 'read',
    });
    if (r.ok) dmaState = r.state;
  }
});
report('dma commands per second (formatted walk, IOTLB fill)', fmt(N_DMA / tDma));
