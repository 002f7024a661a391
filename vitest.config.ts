import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

// Unit, property and component tests (test/browser has its own config).
// vitest 4 removed `environmentMatchGlobs`, so two projects split by file extension:
// `*.test.ts` runs in node, `*.test.tsx` (component tests) runs in jsdom.
const roots = ['test', 'src'];
const exclude = ['test/browser/**', 'node_modules/**', 'dist/**'];

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'node',
            environment: 'node',
            // Node tests share one module graph per worker thread: the engine is pure and keeps no module
            // state (ESLint enforces it), so isolation only paid for re-importing it per file (45 s → 26 s).
            pool: 'threads',
            isolate: false,
            include: roots.map((r) => `${r}/**/*.test.ts`),
            exclude,
          },
        },
        {
          extends: true,
          test: {
            name: 'dom',
            environment: 'jsdom',
            // Component tests share one jsdom and one module graph per worker too: isolation re-created jsdom
            // and re-imported React and the app for each file (about two thirds of the unit run's CPU time).
            // test/setup-dom.ts resets what the view side keeps between tests (view stores, URL, storage).
            pool: 'threads',
            isolate: false,
            include: roots.map((r) => `${r}/**/*.test.tsx`),
            exclude,
            setupFiles: ['./test/setup-dom.ts'],
          },
        },
      ],
    },
  }),
);
