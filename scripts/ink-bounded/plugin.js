// esbuild plugin: swaps Ink's measure-text.js and wrap-text.js (unbounded caches, ink issue
// #986) for the bounded ones beside this file. Their own imports (widest-line, wrap-ansi,
// cli-truncate) still resolve from Ink's folder, so they get the versions Ink was built against.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const TARGET = /[\\/]ink[\\/]build[\\/](measure-text|wrap-text)\.js$/;

/** @returns {import('esbuild').Plugin} */
export function inkBoundedCaches() {
  return {
    name: 'ink-bounded-caches',
    setup(build) {
      build.onLoad({ filter: TARGET }, async (args) => {
        const which = TARGET.exec(args.path)[1];
        const ours = await readFile(join(HERE, `${which}.js`), 'utf8');
        // generations.js is imported relative to this folder; the rest from Ink's.
        const contents = ours.replace("'./generations.js'", JSON.stringify(join(HERE, 'generations.js')));
        return { contents, loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}
