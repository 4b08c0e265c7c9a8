import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderQr, renderQrMatrix, type QrEncoder } from '../../../source/domain/pairing/qr.js';

const X = true;
const _ = false;
/** A 3×3 pattern with every top/bottom combination in its first two rows. */
const matrix = [
  [X, X, _],
  [X, _, X],
  [_, X, X],
];

describe('renderQrMatrix', () => {
  test('half blocks pack two rows per line, with the last odd row over a light half', () => {
    assert.deepEqual(renderQrMatrix(matrix, { ascii: false, margin: 0 }), ['█▀▄', ' ▀▀']);
  });

  test('ASCII draws each module as two characters, one row per line', () => {
    assert.deepEqual(renderQrMatrix(matrix, { ascii: true, margin: 0 }), ['####  ', '##  ##', '  ####']);
  });

  test('the margin adds light modules on every side', () => {
    const lines = renderQrMatrix([[X]], { ascii: true, margin: 1 });
    assert.deepEqual(lines, ['      ', '  ##  ', '      ']);
    const blocks = renderQrMatrix([[X]], { ascii: false, margin: 1 });
    assert.deepEqual(blocks, [' ▄ ', '   ']);
  });

  test('invert draws the light modules and the quiet zone instead of the dark ones', () => {
    assert.deepEqual(renderQrMatrix([[X]], { ascii: true, margin: 1, invert: true }), [
      '######',
      '##  ##',
      '######',
    ]);
    assert.deepEqual(renderQrMatrix([[X]], { ascii: false, margin: 1, invert: true }), ['█▀█', '███']);
  });

  test('every line has the same width and the default quiet zone is two modules', () => {
    const size = 21;
    const checker = Array.from({ length: size }, (_r, r) =>
      Array.from({ length: size }, (_c, c) => (r + c) % 2 === 0),
    );
    const lines = renderQrMatrix(checker, { ascii: false });
    assert.equal(lines.length, Math.ceil((size + 4) / 2));
    assert.ok(lines.every((line) => [...line].length === size + 4));
    assert.equal(lines[0], ' '.repeat(size + 4));
  });

  test('a matrix that is not square is refused as an encoder bug', () => {
    assert.throws(() => renderQrMatrix([[X, X], [X]], { ascii: true }), /not square/);
    assert.throws(() => renderQrMatrix([], { ascii: true }), /not square/);
  });
});

describe('renderQr', () => {
  test('it draws what the plugged-in encoder returns for the text', () => {
    const seen: string[] = [];
    const encoder: QrEncoder = (text) => {
      seen.push(text);
      return matrix;
    };
    assert.deepEqual(renderQr('wgsite1.abc', { ascii: true, encoder, margin: 0 }), [
      '####  ',
      '##  ##',
      '  ####',
    ]);
    assert.deepEqual(seen, ['wgsite1.abc']);
  });
});
