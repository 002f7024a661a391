/**
 * Runner and limits benchmarks (`npm run bench`, issue 9): a generated 100,000-step map/dma/unmap
 * scenario run by the CLI in a child process, as `npm run -s scenario -- FILE` does (targets: ≤ 20 s
 * and ≤ 500 MB peak on this machine class), and the budget refusing a 1 TiB map at an unaligned PA.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyCommand, initialState, resolvePlatform } from '../src/engine/index.ts';
import { longScenario } from './longScenario.ts';

const STEPS = 100_000;
const report = (name: string, value: string) => console.log(`${name.padEnd(52)} ${value}`);

async function runnerCase(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-'));
  try {
    const file = join(dir, 'long.json');
    writeFileSync(file, JSON.stringify(longScenario(STEPS), null, 1));
    const t0 = process.hrtime.bigint();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--import', './bench/reportRss.ts', 'src/cli/scenario.ts', file],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let lines = 0;
    let err = '';
    child.stdout.on('data', (b: Buffer) => {
      for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) lines++;
    });
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const kib = Number(/bench-max-rss-kib (\d+)/.exec(err)?.[1] ?? NaN);
    if (code !== 0 || lines !== STEPS)
      throw new Error(`runner exited ${code} after ${lines} lines: ${err.slice(0, 500)}`);
    const mb = (statSync(file).size / 1e6).toFixed(1);
    report(
      `runner: ${STEPS.toLocaleString('en-US')} map/dma/unmap steps (${mb} MB file), wall (s)`,
      `${seconds.toFixed(1)} (target ≤ 20)`,
    );
    report('runner: peak memory of the child (MB)', `${(kib / 1024).toFixed(0)} (target ≤ 500)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function budgetCase(): void {
  let s = initialState(resolvePlatform({ hostMemory: '16GiB' }));
  const a = applyCommand(s, { op: 'allocDomain', id: 'd', type: 'UNMANAGED' });
  if (!a.ok) throw new Error(a.error.message);
  s = a.state;
  const huge = { op: 'map', domain: 'd', iova: '0x0', pa: '0x1000', size: '1TiB', prot: 'rw' } as const;
  applyCommand(s, huge); // warm-up (first use of the number formatting)
  const t0 = process.hrtime.bigint();
  const r = applyCommand(s, huge);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.ok || r.error.code !== 'ENOMEM') throw new Error('the budget did not refuse a 1 TiB map');
  report('map 1 TiB at an unaligned PA: ENOMEM up front (ms)', ms.toFixed(2));
}

budgetCase();
await runnerCase();
