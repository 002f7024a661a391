/**
 * `npm run -s explain -- FILE` (or `-` for standard input): read kernel log text and print one JSON
 * line per IOMMU fault event, with MODEL.md's fields. Exit 0 (also when nothing is found), 2 when
 * the file cannot be read.
 */
import { readFileSync } from 'node:fs';
import { explainLog } from '../engine/explain/explainLog.ts';
import { modelFields } from '../engine/explain/types.ts';

function main(argv: string[]): number {
  const file = argv[0];
  if (file === undefined || argv.length > 1) {
    process.stderr.write('usage: npm run -s explain -- FILE   (or - for standard input)\n');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    process.stderr.write(`${file === '-' ? 'standard input' : file}: cannot read: ${(e as Error).message}\n`);
    return 2;
  }
  const faults = explainLog(text);
  process.stdout.write(faults.map((f) => JSON.stringify(modelFields(f)) + '\n').join(''));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
