/**
 * `npm run -s scenario -- FILE.json`: run a scenario under Node and print one JSON line per step,
 * each as soon as its step has run. Nothing of the run is kept but the current state (issue 9: a
 * 100,000-step file runs in bounded memory). Exit 0 when every expect holds, 1 when one does not
 * (named on stderr), 2 when the file is not a valid scenario (stderr names the JSON path of the
 * first bad field). docs/limits.md lists the input limits.
 */
import { readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { initialState } from '../engine/index.ts';
import { stringifyExact } from '../engine/scenario/exactJson.ts';
import { modelLine } from '../engine/scenario/modelLine.ts';
import { parseScenarioText } from '../engine/scenario/parse.ts';
import { stepThrough } from '../engine/scenario/run.ts';
import { LineSink } from './lineSink.ts';

export interface CliIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/** Run the CLI; resolves to the exit code. */
export async function main(
  argv: readonly string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const file = argv[0];
  if (file === undefined || argv.length > 1) {
    io.stderr.write('usage: npm run -s scenario -- FILE.json\n');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    io.stderr.write(`${file}: cannot read: ${(e as Error).message}\n`);
    return 2;
  }
  const parsed = parseScenarioText(text);
  // Drop the file's text before the run streams its lines, so a large scenario can be collected.
  // eslint-disable-next-line no-useless-assignment
  text = '';
  if (!parsed.ok) {
    io.stderr.write(`${file}: ${parsed.message}\n`);
    return 2;
  }
  const out = new LineSink(io.stdout);
  let failures = 0;
  for (const s of stepThrough(initialState(parsed.value.platform), parsed.value.scenario.steps)) {
    const wait = out.line(stringifyExact(modelLine(s.line)));
    for (const f of s.failures) io.stderr.write(`${file}: ${f}\n`);
    failures += s.failures.length;
    if (wait) await wait;
    if (out.closed) break; // the reader went away: stop quietly
  }
  await out.flush();
  return failures > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`scenario runner: internal error: ${(e as Error).message}\n`);
      process.exitCode = 3;
    },
  );
}
