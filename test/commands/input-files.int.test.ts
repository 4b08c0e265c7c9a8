/**
 * What the commands do with inputs that are not what they expect: each is refused with exit 2 and a
 * sentence naming the path, quickly. The commands run in-process on the real filesystem (a temporary
 * directory, removed afterwards); two checks spawn the real CLI to prove nothing blocks or buffers
 * without bound end to end.
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
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../source/commands/main.js';
import { systemFiles } from '../../source/system/file-store.js';
import { fakeIo } from './fake-io.js';

const repo = join(import.meta.dirname, '..', '..');
const alphaText = readFileSync(join(repo, 'test', 'fixtures', 'sites', 'alpha-default-router.json'), 'utf8');
/** A throwaway private key for these tests. */
const PRIVATE = 'OAVaCLNb2iTCPGcQwzG2H1QNhUQLWOSeGOUsfMdOE3A=';

let dir = '';
const at = (name: string): string => join(dir, name);

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'wg-site-inputs-'));
  assert.equal(spawnSync('mkfifo', [at('site.fifo')]).status, 0, 'mkfifo');
  mkdirSync(at('dir.json'));
  symlinkSync(at('loop-b'), at('loop-a'));
  symlinkSync(at('loop-a'), at('loop-b'));
  writeFileSync(at('big.json'), '');
  truncateSync(at('big.json'), 53 * 1024 * 1024);
  writeFileSync(at('latin1.json'), Buffer.from('{"name":"caf\xe9"}', 'latin1'));
  writeFileSync(
    at('duplicate.json'),
    alphaText.replace('"name": "beta",', '"name": "beta",\n      "name": "gamma",'),
  );
  writeFileSync(at('bom.json'), `\uFEFF${alphaText}`);
  writeFileSync(at('alpha.json'), alphaText);
  symlinkSync(at('alpha.json'), at('link.json'));
  mkdirSync(at('keys'));
  mkdirSync(at('keys/wg0.key'));
  mkdirSync(at('bigkey'));
  writeFileSync(at('bigkey/wg0.key'), `${PRIVATE}\n`.repeat(100));
});

after(() => {
  try {
    closeSync(openSync(at('site.fifo'), constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // nobody reads the FIFO, as expected
  }
  rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[], stdin?: string): Promise<{ code: number; err: string; out: string }> {
  const io = fakeIo({ files: systemFiles, ...(stdin === undefined ? {} : { stdin }) });
  const started = performance.now();
  const code = await main(argv, io);
  assert.ok(
    performance.now() - started < 3000,
    `${argv.join(' ')} took ${Math.round(performance.now() - started)} ms`,
  );
  return { code, err: io.stderrText(), out: io.stdoutText() };
}

describe('plan --site refuses what is not a site file, exit 2, naming the path', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['a FIFO', 'site.fifo', /site\.fifo is a FIFO \(named pipe\), not a regular file/],
    ['a directory', 'dir.json', /dir\.json is a directory, not a regular file/],
    ['a symbolic link loop', 'loop-a', /loop-a is a symbolic link that links in a loop/],
    ['a 53 MB file', 'big.json', /big\.json is larger than 1 MiB/],
    ['a file that is not UTF-8', 'latin1.json', /latin1\.json is not UTF-8 text/],
    [
      'a file with a key written twice',
      'duplicate.json',
      /peers\[0\]\.name is written twice \(lines 10 and 11\)/,
    ],
  ];
  for (const [name, file, pattern] of cases) {
    test(`${name} is refused`, async () => {
      const { code, err } = await run(['plan', '--site', at(file)]);
      assert.equal(code, 2, err);
      assert.match(err, /^wg-site plan: /);
      assert.match(err, pattern);
      assert.doesNotMatch(err, /EISDIR|ELOOP|ENXIO|Invalid string length|Unexpected token/);
    });
  }

  for (const device of ['/dev/urandom', '/dev/zero']) {
    test(`${device} is refused as a character device`, async () => {
      const { code, err } = await run(['plan', '--site', device]);
      assert.equal(code, 2);
      assert.equal(
        err,
        `wg-site plan: ${device} is a character device, not a regular file; give the path of the file itself.\n`,
      );
    });
  }

  const readable: Array<[string, string]> = [
    ['a site file with a UTF-8 byte order mark', 'bom.json'],
    ['a symbolic link to a site file', 'link.json'],
  ];
  for (const [name, file] of readable) {
    test(`${name} is planned`, async () => {
      const { code, err, out } = await run(['plan', '--site', at(file), '--fresh']);
      assert.equal(code, 0, err);
      assert.match(out, /alpha/);
    });
  }
});

describe('other commands read their inputs with the same bounds', () => {
  test('pair --site on a FIFO is refused', async () => {
    const { code, err } = await run(['pair', '--site', at('site.fifo')]);
    assert.equal(code, 2);
    assert.match(err, /site\.fifo is a FIFO/);
  });

  test('pubkey refuses a key file that is a directory', async () => {
    const { code, err } = await run(['pubkey', '--dir', at('keys')]);
    assert.equal(code, 2);
    assert.match(err, /keys\/wg0\.key is a directory, not a regular file/);
  });

  test('pubkey refuses a key file larger than 1 KiB', async () => {
    const { code, err } = await run(['pubkey', '--dir', at('bigkey')]);
    assert.equal(code, 2);
    assert.match(err, /bigkey\/wg0\.key is larger than 1 KiB/);
  });

  test('pubkey --stdin refuses more than 1 KiB of input', async () => {
    const { code, err } = await run(['pubkey', '--stdin'], `${PRIVATE}\n`.repeat(50));
    assert.equal(code, 2);
    assert.match(err, /standard input is larger than 1 KiB/);
  });

  test('pubkey --stdin still reads one key', async () => {
    const { code, out } = await run(['pubkey', '--stdin'], `${PRIVATE}\n`);
    assert.equal(code, 0);
    assert.match(out, /^[A-Za-z0-9+/]{43}=\n$/);
  });
});

describe('the real CLI ends at once on endless inputs', () => {
  function cli(args: string[], stdin: 'ignore' | number = 'ignore') {
    // The built CLI (what admins run); the bound is generous for a busy machine, the point is that it ends.
    const result = spawnSync(process.execPath, ['bin/wg-site.js', ...args], {
      cwd: repo,
      encoding: 'utf8',
      timeout: 120_000,
      stdio: [stdin, 'pipe', 'pipe'],
    });
    return { status: result.status, stderr: result.stderr ?? '', error: result.error };
  }

  test('plan --site /dev/urandom exits 2 with a sentence', () => {
    const r = cli(['plan', '--site', '/dev/urandom']);
    assert.equal(r.error, undefined, 'it ended before the timeout');
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /\/dev\/urandom is a character device, not a regular file/);
  });

  test('plan --site on a FIFO nobody writes to exits 2 instead of waiting', () => {
    const r = cli(['plan', '--site', at('site.fifo')]);
    assert.equal(r.error, undefined, 'it ended before the timeout');
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /is a FIFO \(named pipe\), not a regular file/);
  });

  test('pubkey --stdin fed from /dev/zero stops at 1 KiB and exits 2', () => {
    const zero = openSync('/dev/zero', 'r');
    try {
      const r = cli(['pubkey', '--stdin'], zero);
      assert.equal(r.error, undefined, 'it ended before the timeout');
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /standard input is larger than 1 KiB/);
    } finally {
      closeSync(zero);
    }
  });
});
