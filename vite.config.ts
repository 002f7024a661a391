import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// base './' makes every asset URL in dist/ relative, so the built site works from any
// sub-path of any static host (GitHub Pages project sites, a plain file server) with no rewrites.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    target: 'es2022',
    // dist/.vite/manifest.json: chunk → imports, read by bench/bundle.ts for per-route sizes.
    manifest: true,
  },
});
