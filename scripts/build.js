// Bundles the CLI into dist/cli.js: one file, production React, Ink's optional devtools stubbed,
// Ink's text caches bounded (scripts/ink-bounded/: the bundle is what ships, and only it has them).
import { build } from 'esbuild';
import { bundleOptions } from './bundle-options.js';

await build({ ...bundleOptions, entryPoints: ['source/cli.tsx'], outfile: 'dist/cli.js' });
