import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ansiToSvg, DARK_THEME, parseAnsi } from '../../scripts/ansi-to-svg.js';

const P = DARK_THEME.palette;
const svg = (text: string) => ansiToSvg(text, { cols: 20, rows: 3 });

describe('parseAnsi', () => {
  const cases: Array<{ title: string; input: string; fg: string | undefined; bold?: boolean }> = [
    { title: 'a basic colour sets the foreground', input: '\x1b[36mx', fg: P[6] },
    { title: 'a bright colour takes the second half of the palette', input: '\x1b[90mx', fg: P[8] },
    { title: 'a 256-colour index maps through the xterm cube', input: '\x1b[38;5;196mx', fg: '#ff0000' },
    { title: 'a true colour is taken as it is', input: '\x1b[38;2;1;2;3mx', fg: '#010203' },
    { title: 'reset drops colour and bold', input: '\x1b[1;31m\x1b[0mx', fg: undefined, bold: false },
    { title: '39 resets only the colour', input: '\x1b[1;31m\x1b[39mx', fg: undefined, bold: true },
  ];
  for (const c of cases) {
    test(c.title, () => {
      const cell = parseAnsi(c.input, P)[0]![0]!;
      assert.equal(cell.ch, 'x');
      assert.equal(cell.style.fg, c.fg);
      if (c.bold !== undefined) assert.equal(cell.style.bold, c.bold);
    });
  }

  test('a style carries over to the next row, as tmux writes it', () => {
    const rows = parseAnsi('\x1b[32ma\nb', P);
    assert.equal(rows[1]![0]!.style.fg, P[2]);
  });
});

describe('ansiToSvg', () => {
  test('text is escaped and placed at its column', () => {
    const out = svg('  a<b & c>');
    assert.match(out, /<tspan x="30\.8">a&lt;b &amp; c&gt;<\/tspan>/);
  });

  test('each run of one style is its own tspan with its colour', () => {
    const out = svg('\x1b[1mwg\x1b[0m \x1b[36mup\x1b[0m');
    assert.match(
      out,
      /<tspan x="14" font-weight="bold">wg<\/tspan><tspan x="39\.2" fill="#4fc1cc">up<\/tspan>/,
    );
  });

  test('block elements become rectangles, merged along a row, not text', () => {
    const out = svg('██▀▄');
    assert.match(out, /<rect x="14" y="44" width="16\.8" height="18" fill="#d8dce3"\/>/);
    assert.match(out, /<rect x="30\.8" y="44" width="8\.4" height="9" /);
    assert.match(out, /<rect x="39\.2" y="53" width="8\.4" height="9" /);
    assert.doesNotMatch(out, /<tspan[^>]*>[█▀▄]/u);
  });

  test('inverse video draws the background in the foreground colour', () => {
    const out = svg('\x1b[7mhi');
    assert.match(out, /<rect x="14" y="44" width="16\.8" height="18" fill="#d8dce3"\/>/);
    assert.match(out, /<tspan x="14" fill="#16191f">hi<\/tspan>/);
  });

  test('rows and columns beyond the frame are left out', () => {
    const out = ansiToSvg('abcdef\nsecond\nthird', { cols: 3, rows: 2 });
    assert.match(out, />abc</);
    assert.doesNotMatch(out, /abcd|third/);
  });
});
