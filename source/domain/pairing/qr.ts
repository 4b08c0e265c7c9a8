/**
 * QR codes in a terminal. Encoding the QR symbol itself is left to a plug-in {@link QrEncoder}
 * (e.g. the `uqr` package: `(text) => encode(text, { ecc: 'L', border: 0 }).data`), so this module stays
 * dependency-free; it only draws a module matrix as text.
 *
 * - Unicode mode packs two module rows into one line with the half blocks ▀ ▄ █ (and a space), so the
 *   code is about square in a terminal whose cells are twice as tall as wide.
 * - ASCII mode draws each module as two characters, `##` or two spaces, one row per line.
 */

/** Turns text into a QR module matrix: `matrix[row][column]`, true for a dark module, no quiet zone. */
export type QrEncoder = (text: string) => boolean[][];

/** How to draw the code. */
export interface QrRenderOptions {
  /** True for `##`/spaces only (terminals without Unicode block characters). */
  ascii: boolean;
  /** The encoder that produces the module matrix. */
  encoder: QrEncoder;
  /** Light modules around the code (the quiet zone); default 2, the QR standard asks for 4. */
  margin?: number;
  /**
   * Draw the light modules instead of the dark ones. Use it on terminals with light text on a dark
   * background, so that the printed characters (light) are the code's light modules and the code
   * reads dark-on-light as scanners expect. Default false.
   */
  invert?: boolean;
}

/** Check a matrix is square and non-empty; throws a plain Error (an encoder bug, not an input error). */
function checkMatrix(matrix: boolean[][]): number {
  const size = matrix.length;
  if (size === 0 || matrix.some((row) => row.length !== size)) {
    throw new Error(`QR encoder returned a ${size}-row matrix that is not square`);
  }
  return size;
}

/** Draw a module matrix (see {@link QrRenderOptions}); every returned line has the same length. */
export function renderQrMatrix(
  matrix: boolean[][],
  options: { ascii: boolean; margin?: number; invert?: boolean },
): string[] {
  const size = checkMatrix(matrix);
  const margin = options.margin ?? 2;
  const full = size + 2 * margin;
  const ink = (row: number, col: number): boolean => {
    const r = row - margin;
    const c = col - margin;
    const dark = r >= 0 && c >= 0 && r < size && c < size && matrix[r]![c]!;
    return options.invert ? !dark : dark;
  };
  const lines: string[] = [];
  if (options.ascii) {
    for (let row = 0; row < full; row++) {
      let line = '';
      for (let col = 0; col < full; col++) line += ink(row, col) ? '##' : '  ';
      lines.push(line);
    }
    return lines;
  }
  for (let row = 0; row < full; row += 2) {
    let line = '';
    for (let col = 0; col < full; col++) {
      const top = ink(row, col);
      const bottom = row + 1 < full ? ink(row + 1, col) : Boolean(options.invert);
      line += top ? (bottom ? '█' : '▀') : bottom ? '▄' : ' ';
    }
    lines.push(line);
  }
  return lines;
}

/** Encode `text` with the given encoder and draw it for a terminal. */
export function renderQr(text: string, options: QrRenderOptions): string[] {
  return renderQrMatrix(options.encoder(text), options);
}
