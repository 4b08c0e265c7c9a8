// Stands in for ink/build/wrap-text.js in the bundle (see scripts/build.js): same result,
// but its cache is bounded (Ink 6.8 keeps one entry per text, width and wrap mode for ever).
import wrapAnsi from 'wrap-ansi';
import cliTruncate from 'cli-truncate';
import { generations } from './generations.js';

const cache = generations();
const POSITION = { 'truncate-middle': 'middle', 'truncate-start': 'start' };

export default function wrapText(text, maxWidth, wrapType) {
  const key = `${maxWidth}\u0000${wrapType}\u0000${text}`;
  let out = cache.get(key);
  if (out === undefined) {
    out = text;
    if (wrapType === 'wrap') out = wrapAnsi(text, maxWidth, { trim: false, hard: true });
    else if (wrapType.startsWith('truncate'))
      out = cliTruncate(text, maxWidth, { position: POSITION[wrapType] ?? 'end' });
    cache.set(key, out);
  }
  return out;
}
