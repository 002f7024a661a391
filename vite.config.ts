import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

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

// base './' makes every asset URL in dist/ relative, so the built site works from any
// sub-path of any static host (GitHub Pages project sites, a plain file server) with no rewrites.
export default defineConfig({
  base: './',
  plugins: [react(), scenarioTitles()],
  build: {
    target: 'es2022',
    // dist/.vite/manifest.json: chunk → imports, read by bench/bundle.ts for per-route sizes.
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The built-in scenarios other than the seed load when picked (src/store/scenarioList.ts) or with
            // Compare; left alone, the bundler merges them into a chunk the workbench needs at once.
            { name: 'scenarios', test: /[\\/]src[\\/]scenarios[\\/](?!three-wqs\.json)[^\\/]+\.json$/ },
          ],
        },
      },
    },
  },
});
