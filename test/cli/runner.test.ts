/**
 * The scenario runner as users run it (issue 9): exit codes and one clear sentence for bad files,
 * a BOM accepted, lines streamed without keeping history, the memory budget's ENOMEM line.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/scenario.ts';
import { longScenario } from '../../bench/longScenario.ts';

const dir = mkdtempSync(join(tmpdir(), 'atlas-runner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function fileWith(text: string): string {
  const f = join(dir, `s${n++}.json`);
  writeFileSync(f, text);
  return f;
}
const scenario = (steps: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'pasid-atlas/scenario@1', ...extra, steps });

/** Run main() in-process with captured output. */
async function run(text: string): Promise<{ code: number; out: string[]; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (b: Buffer) => (out += b.toString()));
  stderr.on('data', (b: Buffer) => (err += b.toString()));
  const file = fileWith(text);
  const code = await main([file], { stdout, stderr });
  return { code, out: out.split('\n').filter((l) => l !== ''), err: err.replaceAll(file, 'FILE') };
}

/** Run the CLI as a child process, as `npm run -s scenario -- FILE` does. */
function spawnRunner(file: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/scenario.ts', file], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr.replaceAll(file, 'FILE') };
}

describe('scenario runner', () => {
  it('10,000 levels of JSON inside expect.result: exit 2 and one sentence, no stack trace', () => {
    const text =
      '{"format":"pasid-atlas/scenario@1","steps":[{"op":"detach","device":"a","expect":{"result":' +
      '{"a":'.repeat(10_000) +
      '1' +
      '}'.repeat(10_000) +
      '}}]}';
    const r = spawnRunner(fileWith(text));
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      'FILE: steps[0].expect.result.a…: nests objects and arrays more than 64 levels deep, the most a scenario may use\n',
    );
  });

  it('a duplicate key: exit 2 naming the key and its path', async () => {
    const r = await run(
      '{"format":"pasid-atlas/scenario@1","steps":[{"op":"addDevice","id":"a","id":"b","bdf":"00:01.0","kind":"pdev"}]}',
    );
    expect(r).toEqual({
      code: 2,
      out: [],
      err: 'FILE: steps[0].id: the key "id" appears twice in one object; JSON would keep only the last, so write each field once\n',
    });
  });

  it('a truncated file: exit 2, saying it ends early', async () => {
    const r = await run(scenario([{ op: 'addDevice', id: 'a', bdf: '00:01.0', kind: 'pdev' }]).slice(0, 60));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^FILE: not valid JSON: the text ends .*is the file cut short\?\n$/);
  });

  it('a leading byte-order mark is accepted', async () => {
    const r = await run(
      '\uFEFF' +
        scenario([{ op: 'addDevice', id: 'a', bdf: '00:01.0', kind: 'pdev', expect: { result: { rid: '0x8' } } }]),
    );
    expect(r).toEqual({ code: 0, out: ['{"step":0,"op":"addDevice","ok":true,"result":{"rid":"0x8"}}'], err: '' });
  });

  it('a map over the memory budget is one ENOMEM line, and the run goes on', async () => {
    const r = await run(
      scenario([
        { op: 'allocDomain', id: 'd', type: 'UNMANAGED' },
        { op: 'map', domain: 'd', iova: '0x0', pa: '0x1000', size: '1TiB', prot: 'rw', expect: { error: 'ENOMEM' } },
        { op: 'map', domain: 'd', iova: '0x0', pa: '0x1000', size: '1GiB', prot: 'rw', expect: { ok: true } },
      ]),
    );
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(3);
    const line = JSON.parse(r.out[1]!) as { ok: boolean; error: { code: string; message: string } };
    expect(line.ok).toBe(false);
    expect(line.error.code).toBe('ENOMEM');
    expect(line.error.message).toMatch(/^map would write 268,435,456 PTEs .* over the 16,777,216 /);
  });

  it('an expect that does not hold: exit 1, named on stderr, the rest still runs', async () => {
    const r = await run(
      scenario([
        { op: 'detach', device: 'nope', expect: { ok: true } },
        { op: 'allocDomain', id: 'd', type: 'DMA' },
      ]),
    );
    expect(r.code).toBe(1);
    expect(r.out).toHaveLength(2);
    expect(r.err).toMatch(/^FILE: step 0 \(detach\): expected ok=true, got error ENOENT/);
  });

  it('writes lines in batches as the steps run, waiting when the reader is slow', async () => {
    const chunks: string[] = [];
    let pending = 0;
    const stdout = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk.toString());
        pending++;
        setTimeout(() => {
          pending--;
          done();
        }, 1);
      },
    });
    const code = await main([fileWith(JSON.stringify(longScenario(3000)))], { stdout, stderr: new PassThrough() });
    expect(code).toBe(0);
    expect(pending).toBe(0);
    expect(chunks.length).toBeGreaterThan(3); // 64 KiB batches, not one write per line nor one at the end
    expect(
      chunks
        .join('')
        .split('\n')
        .filter((l) => l !== ''),
    ).toHaveLength(3000);
  });

  it('stops quietly when the reader goes away (EPIPE, as with | head -1)', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/scenario.ts', fileWith(JSON.stringify(longScenario(30_000)))],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(err).toBe('');
    expect(code).toBe(0);
  }, 60_000);

  it('100,000 map/dma/unmap steps stream one line each and finish', () => {
    const steps = 100_000;
    const r = spawnRunner(fileWith(JSON.stringify(longScenario(steps))));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(steps);
    expect(JSON.parse(lines[steps - 1]!)).toMatchObject({ step: steps - 1, ok: true });
  }, 120_000);
});
