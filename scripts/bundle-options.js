// esbuild options shared by the CLI bundle (scripts/build.js) and the bench's in-process heap run
// (test/bench/measure-heap.ts), so the heap is measured on the code that ships.
import { fileURLToPath } from 'node:url';
import { inkBoundedCaches } from './ink-bounded/plugin.js';

/** @type {import('esbuild').BuildOptions} */
export const bundleOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  // fetch → undefined: yoga-layout's loader otherwise reads its inline wasm through fetch(), and
  // touching fetch on Node 20 loads undici (~40 ms at start). Nothing in the CLI uses fetch.
  define: { 'process.env.NODE_ENV': '"production"', fetch: 'undefined' },
  alias: {
    'react-devtools-core': fileURLToPath(new URL('./devtools-stub.js', import.meta.url)),
    // Ink's CI detection, replaced so that a terminal always gets a live screen (see the module).
    'is-in-ci': fileURLToPath(new URL('../source/ui/ci-mode.ts', import.meta.url)),
  },
  plugins: [inkBoundedCaches()],
  banner: {
    js: "import { createRequire as __wgCreateRequire } from 'node:module'; const require = __wgCreateRequire(import.meta.url);",
  },
};
