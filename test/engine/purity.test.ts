import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The engine is a pure, deterministic model: no UI libraries, no DOM, no clocks, no randomness.
// A second guard beside eslint.config.js (which also bans module-level state in the engine): it runs with the
// unit tests, so the rule holds even where lint is skipped.

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const ENGINE = join(SRC, 'engine');

/** Bare specifiers the engine may not import (a subpath such as `react-dom/client` counts too). */
const BANNED_PACKAGES = ['react', 'react-dom', 'zustand', 'd3-selection', 'd3-zoom'];
/** The whole `d3` bundle drags in d3-selection; engine code may use d3-array etc. directly. */
const BANNED_EXACT = ['d3'];
/** Folders under src/ the engine may not reach into, whatever the relative path. */
const BANNED_DIRS = ['app', 'store', 'views'];

const BANNED_CALLS: ReadonlyArray<[RegExp, string]> = [
  [/\bDate\.now\b/, 'Date.now'],
  [/\bnew\s+Date\s*\(/, 'new Date('],
  [/\bMath\.random\b/, 'Math.random'],
  [/\bperformance\.now\b/, 'performance.now'],
  [/\bdocument\./, 'document.'],
  [/\bwindow\./, 'window.'],
];

const IMPORT_RE =
  /(?:\bimport\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?|\bexport\s+[^'";]*?\s+from\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;

function listSources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listSources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Blanks out comments (keeping line numbers) so a comment that says "never use Date.now" passes. */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[\s;{}(),])\/\/.*$/gm, '$1');
}

function importViolation(file: string, spec: string): string | undefined {
  if (spec.startsWith('.')) {
    const target = relative(SRC, resolve(dirname(file), spec));
    const top = target.split(sep)[0];
    return top !== undefined && BANNED_DIRS.includes(top) ? `imports ${spec} (src/${top})` : undefined;
  }
  if (BANNED_EXACT.includes(spec)) return `imports ${spec}`;
  const pkg = BANNED_PACKAGES.find((p) => spec === p || spec.startsWith(`${p}/`));
  return pkg === undefined ? undefined : `imports ${spec}`;
}

function violationsIn(file: string): string[] {
  const code = stripComments(readFileSync(file, 'utf8'));
  const found: string[] = [];
  const where = (index: number) => `src/${relative(SRC, file)}:${code.slice(0, index).split('\n').length}`;
  for (const match of code.matchAll(IMPORT_RE)) {
    const spec = match[1];
    const problem = spec === undefined ? undefined : importViolation(file, spec);
    if (problem !== undefined) found.push(`${where(match.index)} ${problem}`);
  }
  for (const [re, name] of BANNED_CALLS) {
    for (const match of code.matchAll(new RegExp(re.source, 'g'))) {
      found.push(`${where(match.index)} uses ${name}`);
    }
  }
  return found;
}

describe('src/engine purity', () => {
  const files = listSources(ENGINE);

  it('finds engine sources to check', () => {
    expect(files.length, `no .ts files under ${ENGINE}`).toBeGreaterThan(0);
  });

  it('imports no UI code and uses no clock, randomness or DOM', () => {
    expect(files.flatMap(violationsIn)).toEqual([]);
  });
});
