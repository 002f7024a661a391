/**
 * Every built-in scenario runs through the runner and its expects hold; the CLI keeps MODEL.md's
 * output format and exit codes (0 all expects hold, 1 one does not, 2 invalid file).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseScenarioText, runScenario } from '../../src/engine/index.ts';

const DIR = 'src/scenarios';
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

describe('built-in scenarios', () => {
  it('there are at least the four the engine issue asks for', () => {
    expect(files).toEqual(
      expect.arrayContaining(['three-wqs.json', 'shared-gpa.json', 'fault-gallery.json', 'large-pages.json']),
    );
  });

  it.each(files)('%s is valid and every expect holds', (f) => {
    const parsed = parseScenarioText(readFileSync(join(DIR, f), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    const run = runScenario(parsed.value);
    expect(run.failures).toEqual([]);
    expect(run.lines.length).toBe(parsed.value.scenario.steps.length);
    expect(parsed.value.scenario.title).toBeTruthy();
  });
});

const exec = promisify(execFile);
async function cli(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    // What `npm run -s scenario` runs (`tsx src/cli/scenario.ts`), in one process instead of tsx's two.
    const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', 'src/cli/scenario.ts', file]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('the scenario CLI', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'atlas-'));
  const write = (name: string, body: unknown) => {
    const p = join(tmp, name);
    writeFileSync(p, typeof body === 'string' ? body : JSON.stringify(body));
    return p;
  };

  it('prints one JSON line per step and exits 0', async () => {
    const r = await cli(join(DIR, 'three-wqs.json'));
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ step: 0, op: 'addDevice', ok: true, result: { rid: '0x6a08' } });
    expect(lines[1]).toMatchObject({ step: 1, op: 'dma', ok: true, result: { outcome: 'fault', fault: 'no-context' } });
    expect(r.stderr).toBe('');
  }, 20_000);

  it('exits 1 naming the step whose expect fails, and still runs the rest', async () => {
    const p = write('bad-expect.json', {
      format: 'pasid-atlas/scenario@1',
      steps: [
        { op: 'addDevice', id: 'a', bdf: '0000:00:01.0', kind: 'pdev', expect: { error: 'EBUSY' } },
        { op: 'attach', domain: 'x', device: 'a', expect: { error: 'ENOENT' } },
      ],
    });
    const r = await cli(p);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/step 0 \(addDevice\): expected error EBUSY/);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[1]).toMatchObject({ step: 1, op: 'attach', ok: false, error: { code: 'ENOENT' } });
  }, 20_000);

  it('exits 2 with the JSON path of the first bad field', async () => {
    const p = write('invalid.json', {
      format: 'pasid-atlas/scenario@1',
      steps: [
        { op: 'addDevice', id: 'a', bdf: '0000:00:01.0', kind: 'pdev' },
        { op: 'dma', device: 'a', iova: 12, access: 'read' },
      ],
    });
    const r = await cli(p);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/steps\[1\]\.iova: expected a hex string/);
  }, 20_000);
});
