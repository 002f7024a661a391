/**
 * Bundle sizes per route (issue 11): run `npm run build` first, then `npm run bench:bundle`
 * (`-- --budgets` prints the routes only; `npm test` runs that and fails when one is over budget).
 * Reads Vite's manifest (dist/.vite/manifest.json) and prints every emitted JS file's raw and gzip
 * size, then the JS a route needs for its first paint: the entry's static-import closure plus the
 * closure of the lazy chunks that route renders at once (ROUTES below). Budgets: landing ≤ 100 KiB
 * gzip, workbench ≤ 180 KiB (from a share link too). Workers load only when used, so they count toward no route.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

interface Chunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/**
 * The lazy chunks a route loads before its first paint: a source module's chunk, or a chunk by its
 * name (`app-workbench` holds the app and the workbench: vite.config.ts, appChunkName).
 */
const ROUTES: Readonly<Record<string, { budget: number; lazy: readonly string[] }>> = {
  landing: { budget: 100, lazy: ['src/app/landing/Landing.tsx'] },
  workbench: { budget: 180, lazy: ['app-workbench'] },
  // A mid-sized share link imports the `engine` entry first (vite.config.ts), which the workbench imports too.
  'share link': { budget: 180, lazy: ['app-workbench', 'src/store/load/earlyPrepare.ts'] },
};

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const sizes = new Map<string, { raw: number; gzip: number }>();
function sizeOf(file: string) {
  let s = sizes.get(file);
  if (s === undefined) {
    const bytes = readFileSync(join(DIST, file));
    s = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    sizes.set(file, s);
  }
  return s;
}

const assets = readdirSync(join(DIST, 'assets'))
  .filter((f) => f.endsWith('.js'))
  .sort();
// `--budgets`: the routes against their budgets only (npm test runs it after the build).
if (!process.argv.includes('--budgets')) {
  console.log('chunk'.padEnd(48), 'raw'.padStart(11), 'gzip'.padStart(11));
  for (const f of assets) {
    const s = sizeOf(`assets/${f}`);
    console.log(f.padEnd(48), kib(s.raw).padStart(11), kib(s.gzip).padStart(11));
  }
  console.log('');
}

function closure(keys: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const walk = (key: string) => {
    if (seen.has(key) || manifest[key] === undefined) return;
    seen.add(key);
    for (const i of manifest[key].imports ?? []) walk(i);
  };
  keys.forEach(walk);
  return seen;
}

// The page's entry (index.html's script); the other entry, `engine`, is the app's (ROUTES).
const entries = Object.keys(manifest).filter((k) => manifest[k]?.isEntry === true && k.endsWith('index.html'));
let over = false;
for (const [name, route] of Object.entries(ROUTES)) {
  const lazy = route.lazy.map((name) => {
    const key = manifest[name] !== undefined ? name : Object.keys(manifest).find((k) => manifest[k]!.name === name);
    if (key === undefined) throw new Error(`bench:bundle: no chunk for ${name} (see ROUTES)`);
    return key;
  });
  const keys = closure([...entries, ...lazy]);
  const files = [...keys].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js'));
  const raw = files.reduce((a, f) => a + sizeOf(f).raw, 0);
  const gzip = files.reduce((a, f) => a + sizeOf(f).gzip, 0);
  const ok = gzip <= route.budget * 1024;
  over ||= !ok;
  console.log(
    `${name}: ${files.length} JS files, ${kib(raw)} raw, ${kib(gzip)} gzip (budget ${route.budget} KiB) ${ok ? 'ok' : 'OVER'}`,
  );
}
process.exitCode = over ? 1 : 0;
