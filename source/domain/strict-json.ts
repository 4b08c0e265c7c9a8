/**
 * A strict reader for JSON files people write by hand. It accepts exactly the JSON grammar, plus a
 * leading UTF-8 byte order mark (editors on some systems add one), and refuses what `JSON.parse`
 * lets through silently: a key repeated in one object (where JSON.parse keeps only the last one, so
 * the file says two things and wg-site would act on one of them). Keys compare by their decoded
 * text, so `"a\u0062"` and `"ab"` are the same key. Linear in the text; nesting is bounded so a
 * hostile file cannot exhaust the stack.
 */
import { at, DuplicateError, InputError } from './errors.js';

/** The deepest nesting of objects and lists accepted (a site file needs 4). */
export const MAX_JSON_DEPTH = 64;

/** Text that is not JSON; the message says where (line and column) and what was expected. */
export class JsonSyntaxError extends InputError {
  /** 1-based line and column of the problem. */
  readonly line: number;
  readonly column: number;

  constructor(message: string, line: number, column: number) {
    super('(json)', `line ${line}, column ${column}: ${message}`);
    this.line = line;
    this.column = column;
  }
}

/** A key written twice in one object. `field` is its path, e.g. `peers[0].name`. */
export class DuplicateKeyError extends DuplicateError {}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const SPACE = /[ \t\n\r]*/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4 = /^[0-9a-fA-F]{4}$/;

function lineColumn(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: pos - start + 1 };
}

function shown(text: string, pos: number): string {
  if (pos >= text.length) return 'the end of the text';
  const code = text.codePointAt(pos)!;
  if (code < 0x20 || code === 0x7f) return `the control character U+${code.toString(16).padStart(4, '0')}`;
  return `"${String.fromCodePoint(code)}"`;
}

class Reader {
  pos = 0;

  constructor(private readonly text: string) {}

  fail(message: string, pos = this.pos): never {
    const { line, column } = lineColumn(this.text, pos);
    throw new JsonSyntaxError(message, line, column);
  }

  expected(what: string): never {
    this.fail(`expected ${what}, found ${shown(this.text, this.pos)}`);
  }

  space(): void {
    SPACE.lastIndex = this.pos;
    SPACE.test(this.text);
    this.pos = SPACE.lastIndex;
  }

  value(path: string, depth: number): unknown {
    this.space();
    const c = this.text[this.pos];
    if (c === '{' || c === '[') {
      if (depth >= MAX_JSON_DEPTH) this.fail(`objects and lists are nested more than ${MAX_JSON_DEPTH} deep`);
      return c === '{' ? this.object(path, depth + 1) : this.list(path, depth + 1);
    }
    if (c === '"') return this.string();
    for (const [word, literal] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return literal;
      }
    }
    NUMBER.lastIndex = this.pos;
    const number = NUMBER.exec(this.text);
    if (number) {
      this.pos = NUMBER.lastIndex;
      return Number(number[0]);
    }
    return this.expected('a value (text in quotes, a number, true, false, null, { … } or [ … ])');
  }

  string(): string {
    const start = this.pos;
    let i = start + 1;
    for (;;) {
      const code = this.text.charCodeAt(i);
      if (Number.isNaN(code)) this.fail('the text in quotes is not closed', start);
      if (code === 0x22) break;
      if (code < 0x20) this.fail(`${shown(this.text, i)} must be written as an escape inside quotes`, i);
      if (code === 0x5c) {
        const next = this.text[i + 1] ?? '';
        if (next === 'u') {
          if (!HEX4.test(this.text.slice(i + 2, i + 6))) this.fail('\\u must be followed by 4 hex digits', i);
          i += 6;
          continue;
        }
        if (!ESCAPES.has(next)) this.fail(`"\\${next}" is not a JSON escape`, i);
        i += 2;
        continue;
      }
      i++;
    }
    this.pos = i + 1;
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }

  object(path: string, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const seen = new Map<string, number>();
    this.pos++;
    this.space();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.space();
      if (this.text[this.pos] !== '"') this.expected('a key in double quotes');
      const keyPos = this.pos;
      const key = this.string();
      const field = at(path, key);
      const first = seen.get(key);
      if (first !== undefined) {
        const lines = `lines ${lineColumn(this.text, first).line} and ${lineColumn(this.text, keyPos).line}`;
        throw new DuplicateKeyError(
          field,
          `${field} is written twice (${lines}); JSON would silently keep only the last one, so delete one of them.`,
        );
      }
      seen.set(key, keyPos);
      this.space();
      if (this.text[this.pos] !== ':') this.expected('":" after the key');
      this.pos++;
      const value = this.value(field, depth);
      // Assigning "__proto__" would change the object's prototype instead of adding a key.
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      this.space();
      const c = this.text[this.pos];
      this.pos++;
      if (c === '}') return out;
      if (c !== ',') {
        this.pos--;
        this.expected('"," or "}"');
      }
    }
  }

  list(path: string, depth: number): unknown[] {
    const out: unknown[] = [];
    this.pos++;
    this.space();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value(`${path}[${out.length}]`, depth));
      this.space();
      const c = this.text[this.pos];
      this.pos++;
      if (c === ']') return out;
      if (c !== ',') {
        this.pos--;
        this.expected('"," or "]"');
      }
    }
  }

  document(): unknown {
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    const value = this.value('', 0);
    this.space();
    if (this.pos < this.text.length) this.expected('nothing more after the JSON value');
    return value;
  }
}

/**
 * Parse JSON text strictly (see the module comment). Throws {@link JsonSyntaxError} (with line and
 * column) or {@link DuplicateKeyError} (naming the key's path).
 */
export function parseStrictJson(text: string): unknown {
  return new Reader(text).document();
}
