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
            include: roots.map((r) => `${r}/**/*.test.ts`),
            exclude,
          },
        },
        {
          extends: true,
          test: {
            name: 'dom',
            environment: 'jsdom',
            include: roots.map((r) => `${r}/**/*.test.tsx`),
            exclude,
            setupFiles: ['./test/setup-dom.ts'],
          },
        },
      ],
    },
  }),
);
