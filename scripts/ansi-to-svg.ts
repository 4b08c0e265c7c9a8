// Terminal frame → SVG: reads text with SGR colour codes (as `tmux capture-pane -p -e` prints it) and
// draws it as monospace text in an SVG window: one <text> per row with a <tspan> per run of one style,
// explicit x per run so columns stay aligned whatever the font. Block elements (█ ▀ ▄ ▁…▇ ▏ ░ …) are
// drawn as rectangles, so QR codes and sparklines come out solid and scannable.
//
//   node --import tsx scripts/ansi-to-svg.ts [--title TEXT] [--cols 80] [--rows 24] < frame.ansi > frame.svg
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A cell's look. Colours are CSS colours; undefined means the theme's default. */
interface Style {
  fg: string | undefined;
  bg: string | undefined;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  inverse: boolean;
}

interface Cell {
  ch: string;
  style: Style;
}

/** Colours and metrics of the picture. */
export interface SvgTheme {
  background: string;
  foreground: string;
  /** The 16 ANSI colours: 0–7 normal, 8–15 bright. */
  palette: readonly string[];
  fontSize: number;
  cellWidth: number;
  lineHeight: number;
  padding: number;
}

/** A dark theme. */
export const DARK_THEME: SvgTheme = {
  background: '#16191f',
  foreground: '#d8dce3',
  palette: [
    '#3b4048',
    '#ef6b73',
    '#8fce72',
    '#e7c36f',
    '#5ea8f0',
    '#c582e0',
    '#4fc1cc',
    '#d8dce3',
    '#7c838f',
    '#ff8a91',
    '#aee68e',
    '#ffd98a',
    '#86c2ff',
    '#dca3f2',
    '#7fdbe4',
    '#ffffff',
  ],
  fontSize: 14,
  cellWidth: 8.4,
  lineHeight: 18,
  padding: 14,
};

const PLAIN: Style = {
  fg: undefined,
  bg: undefined,
  bold: false,
  dim: false,
  italic: false,
  underline: false,
  inverse: false,
};

const hex = (n: number) => n.toString(16).padStart(2, '0');

/** Colour N of the xterm 256-colour table. */
function color256(n: number, palette: readonly string[]): string {
  if (n < 16) return palette[n]!;
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `#${hex(v)}${hex(v)}${hex(v)}`;
  }
  const i = n - 16;
  const level = (x: number) => (x === 0 ? 0 : 55 + x * 40);
  return `#${hex(level(Math.floor(i / 36)))}${hex(level(Math.floor(i / 6) % 6))}${hex(level(i % 6))}`;
}

/** The style after one SGR sequence's parameters. */
function applySgr(style: Style, params: number[], palette: readonly string[]): Style {
  let s = { ...style };
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    if (p === 0) s = { ...PLAIN };
    else if (p === 1) s.bold = true;
    else if (p === 2) s.dim = true;
    else if (p === 3) s.italic = true;
    else if (p === 4) s.underline = true;
    else if (p === 7) s.inverse = true;
    else if (p === 22) s = { ...s, bold: false, dim: false };
    else if (p === 23) s.italic = false;
    else if (p === 24) s.underline = false;
    else if (p === 27) s.inverse = false;
    else if (p >= 30 && p <= 37) s.fg = palette[p - 30];
    else if (p >= 90 && p <= 97) s.fg = palette[p - 90 + 8];
    else if (p === 39) s.fg = undefined;
    else if (p >= 40 && p <= 47) s.bg = palette[p - 40];
    else if (p >= 100 && p <= 107) s.bg = palette[p - 100 + 8];
    else if (p === 49) s.bg = undefined;
    else if ((p === 38 || p === 48) && params[i + 1] === 5) {
      const c = color256(params[i + 2] ?? 0, palette);
      if (p === 38) s.fg = c;
      else s.bg = c;
      i += 2;
    } else if ((p === 38 || p === 48) && params[i + 1] === 2) {
      const [r = 0, g = 0, b = 0] = params.slice(i + 2, i + 5);
      const c = `#${hex(r)}${hex(g)}${hex(b)}`;
      if (p === 38) s.fg = c;
      else s.bg = c;
      i += 4;
    }
  }
  return s;
}

/** The frame as rows of cells (SGR codes applied; other escape sequences dropped). */
export function parseAnsi(text: string, palette: readonly string[]): Cell[][] {
  const rows: Cell[][] = [];
  let style = { ...PLAIN };
  for (const line of text.replace(/\n$/, '').split('\n')) {
    const cells: Cell[] = [];
    // eslint-disable-next-line no-control-regex
    const tokens = line.split(/(\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>])/);
    for (const token of tokens) {
      if (token.startsWith('\x1b')) {
        if (token.startsWith('\x1b[') && token.endsWith('m')) {
          const params = token
            .slice(2, -1)
            .split(';')
            .filter((x) => x !== '')
            .map(Number);
          style = applySgr(style, params.length > 0 ? params : [0], palette);
        }
        continue;
      }
      for (const ch of token) if (ch >= ' ') cells.push({ ch, style });
    }
    rows.push(cells);
  }
  return rows;
}

/** A block element as a rectangle inside its cell: [x, y, width, height] as fractions, and opacity. */
function blockShape(ch: string): { x: number; y: number; w: number; h: number; opacity: number } | undefined {
  const code = ch.codePointAt(0)!;
  if (code === 0x2580) return { x: 0, y: 0, w: 1, h: 0.5, opacity: 1 };
  if (code >= 0x2581 && code <= 0x2588) {
    const h = (code - 0x2580) / 8;
    return { x: 0, y: 1 - h, w: 1, h, opacity: 1 };
  }
  if (code >= 0x2589 && code <= 0x258f) return { x: 0, y: 0, w: (0x2590 - code) / 8, h: 1, opacity: 1 };
  if (code === 0x2590) return { x: 0.5, y: 0, w: 0.5, h: 1, opacity: 1 };
  if (code >= 0x2591 && code <= 0x2593) return { x: 0, y: 0, w: 1, h: 1, opacity: (code - 0x2590) / 4 };
  if (code === 0x2594) return { x: 0, y: 0, w: 1, h: 0.125, opacity: 1 };
  if (code === 0x2595) return { x: 0.875, y: 0, w: 0.125, h: 1, opacity: 1 };
  return undefined;
}

const escapeXml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const num = (n: number) => String(Math.round(n * 100) / 100);

function colors(style: Style, theme: SvgTheme): { fg: string; bg: string | undefined } {
  const fg = style.fg ?? theme.foreground;
  if (!style.inverse) return { fg, bg: style.bg };
  return { fg: style.bg ?? theme.background, bg: fg };
}

const sameText = (a: Style, b: Style) =>
  a.fg === b.fg &&
  a.bg === b.bg &&
  a.bold === b.bold &&
  a.dim === b.dim &&
  a.italic === b.italic &&
  a.underline === b.underline &&
  a.inverse === b.inverse;

/** Options of {@link ansiToSvg}. */
export interface SvgOptions {
  cols: number;
  rows: number;
  /** Shown in the window's title bar. */
  title?: string;
  theme?: SvgTheme;
}

/** The SVG picture of a terminal frame. */
export function ansiToSvg(text: string, options: SvgOptions): string {
  const t = options.theme ?? DARK_THEME;
  const cw = t.cellWidth;
  const lh = t.lineHeight;
  const bar = 30;
  const width = options.cols * cw + 2 * t.padding;
  const height = bar + options.rows * lh + 2 * t.padding;
  const top = bar + t.padding;
  const rows = parseAnsi(text, t.palette)
    .slice(0, options.rows)
    .map((cells) => cells.slice(0, options.cols));
  const rects: string[] = [];
  const texts: string[] = [];
  const rect = (x: number, y: number, w: number, h: number, fill: string, opacity = 1) =>
    rects.push(
      `<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" fill="${fill}"${opacity < 1 ? ` fill-opacity="${opacity}"` : ''}/>`,
    );
  rows.forEach((cells, r) => {
    const y = top + r * lh;
    // Backgrounds, merged per run of one colour.
    for (let c = 0; c < cells.length;) {
      const bg = colors(cells[c]!.style, t).bg;
      let end = c + 1;
      while (end < cells.length && colors(cells[end]!.style, t).bg === bg) end++;
      if (bg !== undefined) rect(t.padding + c * cw, y, (end - c) * cw, lh, bg);
      c = end;
    }
    // Block elements as rectangles, merged per run of one shape and colour.
    for (let c = 0; c < cells.length;) {
      const shape = blockShape(cells[c]!.ch);
      if (!shape) {
        c++;
        continue;
      }
      const fg = colors(cells[c]!.style, t).fg;
      let end = c + 1;
      while (
        end < cells.length &&
        cells[end]!.ch === cells[c]!.ch &&
        colors(cells[end]!.style, t).fg === fg &&
        shape.w === 1
      )
        end++;
      const x = t.padding + (c + shape.x) * cw;
      const w = (end - c - 1 + shape.w) * cw;
      rect(
        x,
        y + shape.y * lh,
        w,
        shape.h * lh,
        fg,
        cells[c]!.style.dim ? shape.opacity * 0.6 : shape.opacity,
      );
      c = end;
    }
    // Text, one tspan per run of one style, blocks and blank runs left out.
    const spans: string[] = [];
    for (let c = 0; c < cells.length;) {
      const style = cells[c]!.style;
      let end = c;
      let run = '';
      while (end < cells.length && sameText(cells[end]!.style, style) && !blockShape(cells[end]!.ch)) {
        run += cells[end]!.ch;
        end++;
      }
      if (end === c) {
        c++;
        continue;
      }
      const trimmed = run.replace(/\s+$/, '');
      const lead = trimmed.length - trimmed.trimStart().length;
      if (trimmed.trim() !== '') {
        const { fg } = colors(style, t);
        const attrs = [
          `x="${num(t.padding + (c + lead) * cw)}"`,
          fg !== t.foreground ? `fill="${fg}"` : '',
          style.bold ? 'font-weight="bold"' : '',
          style.italic ? 'font-style="italic"' : '',
          style.underline ? 'text-decoration="underline"' : '',
          style.dim ? 'fill-opacity="0.65"' : '',
        ].filter((a) => a !== '');
        spans.push(`<tspan ${attrs.join(' ')}>${escapeXml(trimmed.trimStart())}</tspan>`);
      }
      c = end;
    }
    if (spans.length > 0) texts.push(`<text y="${num(y + lh * 0.75)}">${spans.join('')}</text>`);
  });
  const dots = ['#ff5f57', '#febc2e', '#28c840']
    .map((fill, i) => `<circle cx="${18 + i * 18}" cy="${bar / 2 + 2}" r="5.5" fill="${fill}"/>`)
    .join('');
  const title =
    options.title === undefined
      ? ''
      : `<text x="${num(width / 2)}" y="${bar / 2 + 6}" text-anchor="middle" fill="#9aa1ad" font-size="12">${escapeXml(options.title)}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}">`,
    `<rect width="100%" height="100%" rx="8" fill="${t.background}"/>`,
    `<g>${dots}</g>`,
    `<g font-family="'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', ui-monospace, monospace">`,
    title,
    ...rects,
    `<g font-size="${t.fontSize}" fill="${t.foreground}" xml:space="preserve">`,
    ...texts,
    '</g></g></svg>',
    '',
  ].join('\n');
}

function flag(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const title = flag(args, '--title');
  process.stdout.write(
    ansiToSvg(readFileSync(0, 'utf8'), {
      cols: Number(flag(args, '--cols') ?? 80),
      rows: Number(flag(args, '--rows') ?? 24),
      ...(title === undefined ? {} : { title }),
    }),
  );
}
