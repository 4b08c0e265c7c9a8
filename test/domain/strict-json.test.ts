import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DuplicateKeyError,
  JsonSyntaxError,
  MAX_JSON_DEPTH,
  parseStrictJson,
} from '../../source/domain/strict-json.js';

describe('parseStrictJson reads what JSON.parse reads', () => {
  const same: string[] = [
    '{}',
    '[]',
    '0',
    '-0.5e+3',
    '1E2',
    'true',
    'false',
    'null',
    '"plain"',
    '"esc \\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\ud83d\\ude00"',
    ' \t\r\n{ "a" : [ 1 , 2 , { "b" : null } ] , "c" : "d" } \n',
    '{"peers":[{"name":"beta","subnets":["10.0.0.0/24"]},{"name":"gamma","subnets":[]}]}',
    '"é ü 漢字"',
    '{"a":{"a":{"a":1}}}',
    '[{"x":1},{"x":2}]',
    '{"A":1,"a":2}',
  ];
  for (const text of same) {
    test(`${JSON.stringify(text)} gives the same value as JSON.parse`, () =>
      assert.deepEqual(parseStrictJson(text), JSON.parse(text)));
  }

  test('a leading byte order mark is skipped', () =>
    assert.deepEqual(parseStrictJson('\uFEFF{"name":"alpha"}'), { name: 'alpha' }));

  test('a "__proto__" key is an ordinary key, not a prototype', () => {
    const value = parseStrictJson('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.deepEqual(Object.keys(value), ['__proto__']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('nesting up to the limit is accepted', () => {
    const text = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    assert.doesNotThrow(() => parseStrictJson(text));
  });
});

describe('parseStrictJson refuses a key written twice in one object, naming its path', () => {
  const cases: Array<[string, string, string]> = [
    ['at the top level', '{"name":"a","name":"b"}', 'name'],
    ['in a nested object', '{"lan":{"subnets":[],"subnets":[]}}', 'lan.subnets'],
    ['in an object inside a list', '{"peers":[{"name":"a"},{"name":"b","name":"c"}]}', 'peers[1].name'],
    ['when one spelling is escaped', '{"peers":[{"n\\u0061me":"a","name":"b"}]}', 'peers[0].name'],
    ['when both are escaped differently', '{"\\u0061b":1,"a\\u0062":2}', 'ab'],
    ['in a list at the top', '[{},{"x":1,"x":1}]', '[1].x'],
    ['with an empty key', '{"":1,"":2}', ''],
  ];
  for (const [name, text, field] of cases) {
    test(`a repeated key ${name} is refused as ${JSON.stringify(field)}`, () =>
      assert.throws(
        () => parseStrictJson(text),
        (error: unknown) => {
          assert.ok(error instanceof DuplicateKeyError, String(error));
          assert.equal(error.field, field);
          assert.match(error.message, /is written twice \(lines \d+ and \d+\).*keep only the last/);
          return true;
        },
      ));
  }

  test('the same key in two different objects is not a repeat', () =>
    assert.doesNotThrow(() => parseStrictJson('{"a":{"x":1},"b":{"x":2},"c":[{"x":3},{"x":4}]}')));

  test('the message gives the lines of both', () =>
    assert.throws(() => parseStrictJson('{\n "name": "a",\n\n "name": "b"\n}'), /lines 2 and 4/));
});

describe('parseStrictJson refuses what is not JSON, saying where', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['an empty text', '', /line 1, column 1: expected a value.*found the end of the text/],
    ['only a byte order mark', '\uFEFF', /expected a value/],
    ['a trailing comma in an object', '{"a":1,}', /column 8: expected a key in double quotes, found "}"/],
    ['a trailing comma in a list', '[1,]', /expected a value.*found "\]"/],
    ['a single-quoted key', "{'a':1}", /expected a key in double quotes, found "'"/],
    ['a missing colon', '{"a" 1}', /expected ":" after the key/],
    ['a missing comma', '{"a":1 "b":2}', /expected "," or "}"/],
    ['an unclosed object', '{"a":1', /expected "," or "}", found the end of the text/],
    ['an unclosed list', '[1, 2', /expected "," or "\]"/],
    ['an unclosed string', '{"a":"b}', /not closed/],
    ['a raw newline inside quotes', '"a\nb"', /control character U\+000a must be written as an escape/],
    ['a bad escape', '"\\x41"', /"\\x" is not a JSON escape/],
    ['a short unicode escape', '"\\u12"', /4 hex digits/],
    ['a leading zero', '01', /nothing more after the JSON value/],
    ['a bare word', 'nul', /expected a value/],
    ['NaN', 'NaN', /expected a value/],
    ['a plus sign', '+1', /expected a value/],
    ['a comment', '{"a":1} // note', /line 1, column 9: expected nothing more/],
    ['two values', '{} {}', /expected nothing more/],
    ['a second line problem', '{\n  "a": 1,\n  b: 2\n}', /line 3, column 3: expected a key/],
    ['binary bytes', '\u0000\u0001', /found the control character U\+0000/],
    ['nesting too deep', '['.repeat(MAX_JSON_DEPTH + 1), /nested more than 64 deep/],
    ['a deep hostile nesting', '['.repeat(200_000), /nested more than 64 deep/],
  ];
  for (const [name, text, pattern] of cases) {
    test(`${name} is refused`, () =>
      assert.throws(
        () => parseStrictJson(text),
        (error: unknown) => {
          assert.ok(error instanceof JsonSyntaxError, String(error));
          assert.match(error.message, pattern);
          return true;
        },
      ));
  }
});

/** A bound a quadratic reader would miss by minutes, and a linear one meets on a busy machine. */
const LINEAR_BOUND_MS = 5000;

describe('parseStrictJson is linear in its input', () => {
  test('a 1 MiB list of objects parses in seconds at most', () => {
    const item = '{"name":"peer","subnets":["10.0.0.0/24","10.1.0.0/24"],"keepalive":25}';
    const text = `[${Array.from({ length: Math.floor((1 << 20) / (item.length + 1)) }, () => item).join(',')}]`;
    const start = performance.now();
    const value = parseStrictJson(text) as unknown[];
    assert.ok(value.length > 10_000);
    assert.ok(
      performance.now() - start < LINEAR_BOUND_MS,
      `took ${Math.round(performance.now() - start)} ms`,
    );
  });

  test('one object with 50 000 distinct keys parses in seconds at most', () => {
    const text = `{${Array.from({ length: 50_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`;
    const start = performance.now();
    assert.equal(Object.keys(parseStrictJson(text) as object).length, 50_000);
    assert.ok(performance.now() - start < LINEAR_BOUND_MS);
  });
});
