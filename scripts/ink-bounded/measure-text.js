// Stands in for ink/build/measure-text.js in the bundle (see scripts/build.js): same result,
// but its cache is bounded (Ink 6.8 keeps every string it ever measured, ink issue #986).
import widestLine from 'widest-line';
import { generations } from './generations.js';

const cache = generations();

export default function measureText(text) {
  if (text.length === 0) return { width: 0, height: 0 };
  let size = cache.get(text);
  if (size === undefined) {
    let lines = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    size = { width: widestLine(text), height: lines };
    cache.set(text, size);
  }
  return size;
}
