/**
 * `npm run -s scenario -- FILE.json`: run a scenario under Node and print one JSON line per step.
 * Exit 0 when every expect holds, 1 when one does not (named on stderr), 2 when the file is not a
 * valid scenario (stderr names the JSON path of the first bad field).
 */
import { readFileSync } from 'node:fs';
import { parseScenarioText } from '../engine/scenario/parse.ts';
import { runScenario } from '../engine/scenario/run.ts';

function main(argv: string[]): number {
  const file = argv[0];
  if (file === undefined || argv.length > 1) {
    process.stderr.write('usage: npm run -s scenario -- FILE.json\n');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`${file}: cannot read: ${(e as Error).message}\n`);
    return 2;
  }
  const parsed = parseScenarioText(text);
  if (!parsed.ok) {
    process.stderr.write(`${file}: ${parsed.message}\n`);
    return 2;
  }
  const run = runScenario(parsed.value);
  process.stdout.write(run.lines.map((l) => JSON.stringify(l)).join('\n') + (run.lines.length ? '\n' : ''));
  for (const f of run.failures) process.stderr.write(`${file}: ${f}\n`);
  return run.failures.length > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
