import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import type { ChunkingContext, CodeSplittingNameFunction } from 'rolldown';
import react from '@vitejs/plugin-react';
import { EARLY_HASH_CHARS, WORKER_HASH_CHARS } from './src/store/load/earlyShare.ts';

const SCENARIOS = fileURLToPath(new URL('./src/scenarios/', import.meta.url));

/**
 * `virtual:scenario-titles`: each built-in scenario's file and title, read at build time, so the
 * workbench lists them without bundling their steps (src/store/scenarioList.ts loads a scenario when
 * it is picked). New files appear by themselves.
 */
function scenarioTitles(): Plugin {
  const id = 'virtual:scenario-titles';
  return {
    name: 'scenario-titles',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load(resolved) {
      if (resolved !== `\0${id}`) return null;
      const titles = readdirSync(SCENARIOS)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((file) => {
          const title = (JSON.parse(readFileSync(SCENARIOS + file, 'utf8')) as { title?: unknown }).title;
          this.addWatchFile(SCENARIOS + file);
          return { file, title: typeof title === 'string' ? title : file };
        });
      return `export default ${JSON.stringify(titles)};`;
    },
  };
}

/**
 * Issue 11, first graph from a share link: index.html starts what the link needs before the entry
 * chunk (React) has even downloaded. For `#s=` or `#workbench` it preloads the app's and the
 * workbench's chunks (otherwise fetched only once the entry has run: a waterfall). A mid-sized `#s=`
 * link is decoded, validated and replayed by the `engine` entry chunk as soon as it arrives
 * (src/store/load/earlyPrepare.ts); a bigger one starts the share worker, keeping its messages until
 * src/store/load/earlyShare.ts adopts it as `window.__atlasEarly`. The landing page loads none of
 * this. Build only (dev starts the worker from main.tsx, and prepares a mid-sized link with the app).
 */
function earlyStart(): Plugin {
  return {
    name: 'early-start',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (bundle === undefined) return html;
        const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const entry = chunks.find((c) => c.isEntry && (c.facadeModuleId ?? '').endsWith('index.html'));
        const engine = chunks.find((c) => c.isEntry && c.name === 'engine');
        const byFile = new Map(chunks.map((c) => [c.fileName, c]));
        const loading = new Set([entry?.fileName, ...(entry?.imports ?? [])]);
        const wanted = new Set<string>();
        const add = (file: string) => {
          if (loading.has(file) || wanted.has(file)) return;
          wanted.add(file);
          for (const dep of byFile.get(file)?.imports ?? []) add(dep);
        };
        for (const c of chunks)
          if (c.moduleIds.some((id) => /[\\/]src[\\/](boot\.tsx|app[\\/]Workbench\.tsx)$/.test(id))) add(c.fileName);
        const worker = Object.keys(bundle).find((f) => /(^|\/)share\.worker-[^/]*\.js$/.test(f));
        if (worker === undefined || engine === undefined || wanted.size === 0)
          throw new Error('early-start: no share worker, engine chunk or app chunks');
        // The link's own work first: the browser fetches in about the order asked, a few at a time.
        const script = `(function () {
  var h = location.hash;
  if (h.indexOf('#s=') !== 0 && h !== '#workbench') return;
  if (h.indexOf('#s=') === 0 && h.length >= ${EARLY_HASH_CHARS} && h.length <= ${WORKER_HASH_CHARS}) {
    window.__atlasEarlyPrepare = import(${JSON.stringify(`./${engine.fileName}`)}).then(function (m) { m.prepareShareEarly(h); }, function () {});
  }
  if (h.indexOf('#s=') === 0 && h.length > ${WORKER_HASH_CHARS} && typeof Worker !== 'undefined') {
    try {
      var w = new Worker(${JSON.stringify(`./${worker}`)}, { type: 'module' });
      var early = { hash: h, worker: w, events: [] };
      w.onmessage = w.onerror = function (e) { early.events.push(e); };
      w.postMessage({ shareHash: h, cursor: Infinity });
      window.__atlasEarly = early;
    } catch (e) {}
  }
  ${JSON.stringify([...wanted].map((f) => `./${f}`))}.forEach(function (href) {
    var l = document.createElement('link');
    l.rel = 'modulepreload';
    l.crossOrigin = '';
    l.href = href;
    document.head.appendChild(l);
  });
})();`;
        // Right after <meta charset> (which must come within the first 1,024 bytes), before the entry.
        const at = html.indexOf('>', html.search(/<meta charset/i)) + 1;
        if (at === 0) throw new Error('early-start: index.html has no <meta charset>');
        return `${html.slice(0, at)}\n    <script>${script}</script>${html.slice(at)}`;
      },
    },
  };
}

const D3_ZOOM_STUBS = fileURLToPath(new URL('./src/app/graph/d3ZoomStubs.ts', import.meta.url));

/**
 * d3-zoom without d3-transition and d3-interpolate: the graph never animates its view, so what
 * d3-zoom asks of them (cancel or run a zoom transition) is stubbed (src/app/graph/d3ZoomStubs.ts
 * says why). Only d3-zoom's own imports are redirected; d3-scale still gets the real d3-interpolate.
 */
function d3ZoomWithoutTransitions(): Plugin {
  return {
    name: 'd3-zoom-without-transitions',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== 'd3-transition' && source !== 'd3-interpolate') return null;
      return importer !== undefined && /[\\/]d3-zoom[\\/]/.test(importer) ? D3_ZOOM_STUBS : null;
    },
  };
}

const SRC = fileURLToPath(new URL('./src/', import.meta.url));

/** Every module `from` reaches by static imports (itself included). */
function staticClosure(from: string, ctx: ChunkingContext): Set<string> {
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const dep of ctx.getModuleInfo(id)?.importedIds ?? []) visit(dep);
  };
  visit(from);
  return seen;
}

/**
 * The share link's and the workbench's code in two chunks instead of about fourteen: the bundler
 * splits modules by which entries reach them, and over HTTP/1.1's six connections each further
 * round of chunks cost ~50 ms before the first graph (issue 11). `engine`: what the `engine` entry
 * needs (the engine, the parser, the replay; the group ends up as that entry's chunk);
 * `app-workbench`: the rest of the app and the workbench.
 * What the entry and the routes without the app (landing, glossary) reach is left where it is, so
 * those pages load neither.
 */
function appChunkName(): CodeSplittingNameFunction {
  // Per chunking pass (a watch build makes one per rebuild, with its own module graph).
  const passes = new WeakMap<ChunkingContext, { landing: Set<string>; early: Set<string>; app: Set<string> }>();
  return (id, ctx) => {
    let closures = passes.get(ctx);
    if (closures === undefined) {
      closures = {
        // The routes that render without the app (src/app/Root.tsx, needsApp).
        landing: new Set(
          [
            fileURLToPath(new URL('./index.html', import.meta.url)),
            SRC + 'app/landing/Landing.tsx',
            SRC + 'app/glossary/GlossaryPage.tsx',
          ].flatMap((from) => [...staticClosure(from, ctx)]),
        ),
        early: staticClosure(SRC + 'store/load/earlyPrepare.ts', ctx),
        app: new Set([...staticClosure(SRC + 'boot.tsx', ctx), ...staticClosure(SRC + 'app/Workbench.tsx', ctx)]),
      };
      passes.set(ctx, closures);
    }
    if (closures.landing.has(id)) return null;
    if (closures.early.has(id)) return 'engine';
    if (closures.app.has(id)) return 'app-workbench';
    return null;
  };
}

// base './' makes every asset URL in dist/ relative, so the built site works from any
// sub-path of any static host (GitHub Pages project sites, a plain file server) with no rewrites.
export default defineConfig({
  base: './',
  plugins: [react(), scenarioTitles(), earlyStart(), d3ZoomWithoutTransitions()],
  build: {
    target: 'es2022',
    // dist/.vite/manifest.json: chunk → imports, read by bench/bundle.ts for per-route sizes.
    manifest: true,
    rolldownOptions: {
      // The `engine` entry (earlyPrepare.ts and all it imports: the engine, the parser, the replay): a
      // mid-sized share link's decode, validation and replay, which index.html imports before the
      // app's entry (earlyStart above); its exports are its API, so kept. The app imports it too.
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        engine: fileURLToPath(new URL('./src/store/load/earlyPrepare.ts', import.meta.url)),
      },
      preserveEntrySignatures: 'allow-extension',
      output: {
        codeSplitting: {
          groups: [
            // The built-in scenarios other than the seed load when picked (src/store/scenarioList.ts) or with
            // Compare; left alone, the bundler merges them into a chunk the workbench needs at once.
            { name: 'scenarios', test: /[\\/]src[\\/]scenarios[\\/](?!three-wqs\.json)[^\\/]+\.json$/ },
            { name: appChunkName(), debugName: 'app', includeDependenciesRecursively: false },
          ],
        },
      },
    },
  },
});
