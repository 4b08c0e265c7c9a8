/**
 * The bounded reader on the real filesystem: every kind of path a person can give by mistake (or on
 * purpose) is refused at once with a sentence, and nothing blocks. Files live in a temporary directory
 * removed afterwards; a FIFO that a broken reader were stuck on is released before removal.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  constants,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { MAX_KEY_FILE_BYTES, MAX_TEXT_FILE_BYTES } from '../../source/domain/input-limits.js';
import {
  readRegularFile,
  readStreamBounded,
  UnreadableInputError,
} from '../../source/system/bounded-read.js';
import { systemFiles } from '../../source/system/file-store.js';

/** Fail instead of hanging: a refusal must come well within this time. */
const BOUND_MS = 5000;

async function within<T>(promise: Promise<T>, ms = BOUND_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

let dir = '';
let fifo = '';
let socket = '';
let server: Server | undefined;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wg-site-bounded-'));
  fifo = join(dir, 'site.fifo');
  const made = spawnSync('mkfifo', [fifo]);
  assert.equal(made.status, 0, `mkfifo failed: ${made.stderr}`);
  mkdirSync(join(dir, 'a-directory.json'));
  symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
  symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
  writeFileSync(join(dir, 'site.json'), '{"name":"alpha"}\n');
  symlinkSync(join(dir, 'site.json'), join(dir, 'link-to-site.json'));
  symlinkSync(join(dir, 'missing.json'), join(dir, 'dangling.json'));
  writeFileSync(join(dir, 'bom.json'), '\uFEFF{"name":"alpha"}\n');
  writeFileSync(join(dir, 'exactly-1mib.json'), Buffer.alloc(MAX_TEXT_FILE_BYTES, 0x20));
  writeFileSync(join(dir, 'over-1mib.json'), Buffer.alloc(MAX_TEXT_FILE_BYTES + 1, 0x20));
  writeFileSync(join(dir, 'sparse-53mb.json'), '');
  truncateSync(join(dir, 'sparse-53mb.json'), 53 * 1024 * 1024);
  writeFileSync(join(dir, 'latin1.conf'), Buffer.from('# Caf\xe9\n[Interface]\n', 'latin1'));
  writeFileSync(join(dir, 'binary.bin'), Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3]));
  socket = join(dir, 'control.sock');
  const s = createServer();
  server = s;
  await new Promise<void>((resolve) => s.listen(socket, resolve));
});

after(async () => {
  // Should a reader ever block on the FIFO, opening its write end releases it.
  try {
    closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // ENXIO: nobody is reading it, as expected.
  }
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('readRegularFile refuses what is not a regular file, at once and in words', () => {
  const cases: Array<[string, () => string, RegExp]> = [
    ['a FIFO', () => fifo, /site\.fifo is a FIFO \(named pipe\), not a regular file/],
    [
      'a directory',
      () => join(dir, 'a-directory.json'),
      /a-directory\.json is a directory, not a regular file/,
    ],
    ['a symbolic link loop', () => join(dir, 'loop-a'), /loop-a is a symbolic link that links in a loop/],
    ['/dev/urandom', () => '/dev/urandom', /^\/dev\/urandom is a character device, not a regular file/],
    ['/dev/zero', () => '/dev/zero', /^\/dev\/zero is a character device, not a regular file/],
    ['/dev/null', () => '/dev/null', /^\/dev\/null is a character device/],
    ['a socket', () => socket, /control\.sock is a socket, not a regular file/],
    ['a file one byte over 1 MiB', () => join(dir, 'over-1mib.json'), /over-1mib\.json is larger than 1 MiB/],
    ['a 53 MB file', () => join(dir, 'sparse-53mb.json'), /sparse-53mb\.json is larger than 1 MiB/],
    ['a Latin-1 file', () => join(dir, 'latin1.conf'), /latin1\.conf is not UTF-8 text/],
    ['binary bytes', () => join(dir, 'binary.bin'), /binary\.bin is not UTF-8 text/],
    [
      'a path through a file',
      () => join(dir, 'site.json', 'x'),
      /site\.json\/x does not exist: part of it is a file/,
    ],
  ];
  for (const [name, path, pattern] of cases) {
    test(`${name} is refused naming its path`, async () => {
      await assert.rejects(within(readRegularFile(path(), MAX_TEXT_FILE_BYTES)), (error: unknown) => {
        assert.ok(error instanceof UnreadableInputError, String(error));
        assert.equal(error.field, path());
        assert.match(error.message, pattern);
        return true;
      });
    });
  }

  test('a key-sized cap refuses a larger file', async () =>
    assert.rejects(
      readRegularFile(join(dir, 'exactly-1mib.json'), MAX_KEY_FILE_BYTES),
      /is larger than 1 KiB/,
    ));
});

describe('readRegularFile reads what is a regular file', () => {
  test('a plain file is read', async () =>
    assert.equal(await readRegularFile(join(dir, 'site.json'), MAX_TEXT_FILE_BYTES), '{"name":"alpha"}\n'));

  test('a symbolic link to a regular file is followed', async () =>
    assert.equal(
      await readRegularFile(join(dir, 'link-to-site.json'), MAX_TEXT_FILE_BYTES),
      '{"name":"alpha"}\n',
    ));

  test('a leading byte order mark is dropped', async () =>
    assert.equal(await readRegularFile(join(dir, 'bom.json'), MAX_TEXT_FILE_BYTES), '{"name":"alpha"}\n'));

  test('a file of exactly 1 MiB is read whole', async () =>
    assert.equal(
      (await readRegularFile(join(dir, 'exactly-1mib.json'), MAX_TEXT_FILE_BYTES))?.length,
      MAX_TEXT_FILE_BYTES,
    ));

  test('a missing file, or a link to one, is undefined', async () => {
    assert.equal(await readRegularFile(join(dir, 'missing.json'), MAX_TEXT_FILE_BYTES), undefined);
    assert.equal(await readRegularFile(join(dir, 'dangling.json'), MAX_TEXT_FILE_BYTES), undefined);
  });

  test('a file in /proc (which reports size 0) is read', async () => {
    const text = await readRegularFile('/proc/self/status', MAX_TEXT_FILE_BYTES);
    assert.match(text ?? '', /^Name:/);
  });

  test('the system FileStore reads through the same bounds', async () => {
    await assert.rejects(within(systemFiles.read(fifo)), /is a FIFO/);
    await assert.rejects(systemFiles.read(join(dir, 'over-1mib.json')), /larger than 1 MiB/);
    await assert.rejects(systemFiles.read(join(dir, 'site.json'), 4), /larger than 4 bytes/);
  });
});

describe('readStreamBounded stops at its cap', () => {
  test('an endless stream is refused after the cap, without reading on', async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<Buffer> {
      for (;;) {
        pulled++;
        yield Buffer.alloc(256, 0x41);
      }
    }
    await assert.rejects(
      within(readStreamBounded(endless(), MAX_KEY_FILE_BYTES)),
      /^UnreadableInputError: standard input is larger than 1 KiB/,
    );
    assert.equal(pulled, MAX_KEY_FILE_BYTES / 256 + 1);
  });

  test('a stream within the cap is its text', async () =>
    assert.equal(
      await readStreamBounded(Readable.from([Buffer.from('ab'), Buffer.from('c\n')]), 4),
      'abc\n',
    ));

  test('a stream that is not UTF-8 is refused', async () =>
    assert.rejects(
      readStreamBounded(Readable.from([Buffer.from([0xc3, 0x28])]), 64),
      /standard input is not UTF-8 text/,
    ));
});
