import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../source/commands/main.js';
import { commands } from '../../source/commands/registry.js';
import { parseKey, publicKeyOf } from '../../source/domain/keys.js';
import { checkSiteText } from '../../source/domain/site/validate.js';
import { systemFiles } from '../../source/system/file-store.js';
import { defaultHost, fakeIo, fakeRunner, MemoryFiles } from './fake-io.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'sites');
const alphaText = readFileSync(join(fixtures, 'alpha-default-router.json'), 'utf8');
const cabinText = readFileSync(join(fixtures, 'cabin-masquerade-ipv6.json'), 'utf8');
/** A throwaway private key for these tests. */
const PRIVATE = 'OAVaCLNb2iTCPGcQwzG2H1QNhUQLWOSeGOUsfMdOE3A=';

describe('wg-site help and usage errors', () => {
  for (const argv of [[], ['--help'], ['-h'], ['help']]) {
    test(`"wg-site ${argv.join(' ')}" prints the command list and exits 0`, async () => {
      const io = fakeIo();
      assert.equal(await main(argv, io), 0);
      for (const command of commands) assert.match(io.stdoutText(), new RegExp(`^  ${command.name} `, 'm'));
      assert.equal(io.stderrText(), '');
    });
  }

  for (const command of commands) {
    test(`"wg-site ${command.name} --help" shows its usage and every option`, async () => {
      const io = fakeIo();
      assert.equal(await main([command.name, '--help'], io), 0);
      const help = io.stdoutText();
      assert.ok(help.startsWith(`Usage: wg-site ${command.name}`), help);
      for (const option of Object.keys(command.options)) assert.match(help, new RegExp(`--${option}\\b`));
      assert.match(help, /Exit codes: 0 ok, 2 bad input/);
      assert.deepEqual((io.runner as ReturnType<typeof fakeRunner>).calls, [], 'help runs nothing');
    });
  }

  test('an unknown command exits 2 and lists the commands', async () => {
    const io = fakeIo();
    assert.equal(await main(['frobnicate'], io), 2);
    assert.ok(
      io
        .stderrText()
        .includes(`unknown command "frobnicate". Commands: ${commands.map((c) => c.name).join(', ')}.`),
      io.stderrText(),
    );
    for (const name of ['keygen', 'pubkey', 'plan', 'schema']) assert.ok(io.stderrText().includes(name));
    assert.equal(io.stdoutText(), '');
  });

  test('an unknown option exits 2, names the option and points to --help', async () => {
    const io = fakeIo();
    assert.equal(await main(['plan', '--bogus'], io), 2);
    assert.match(io.stderrText(), /^wg-site plan: Unknown option '--bogus'/);
    assert.match(io.stderrText(), /Try: wg-site plan --help/);
  });

  test('an option without its value exits 2', async () => {
    const io = fakeIo();
    assert.equal(await main(['plan', '--site'], io), 2);
    assert.match(io.stderrText(), /--site/);
  });

  test('--version prints the version', async () => {
    const io = fakeIo();
    assert.equal(await main(['--version'], io), 0);
    assert.match(io.stdoutText(), /^wg-site \d+\.\d+\.\d+\n$/);
  });
});

describe('wg-site keygen and pubkey with a fake file store', () => {
  test('keygen creates a 0600 key file and prints only the public key', async () => {
    const files = new MemoryFiles();
    const io = fakeIo({ files });
    assert.equal(await main(['keygen', '--dir', '/keys/'], io), 0);
    const stored = files.files.get('/keys/wg0.key');
    assert.ok(stored, 'key file created at /keys/wg0.key');
    assert.equal(stored.mode, 0o600);
    const privateKey = parseKey(stored.content);
    assert.equal(io.stdoutText(), `${publicKeyOf(privateKey)}\n`);
    assert.ok(!io.stdoutText().includes(privateKey));
    assert.ok(!io.stderrText().includes(privateKey));
    assert.match(io.stderrText(), /created \/keys\/wg0\.key \(0600\)/);
  });

  test('a second keygen keeps the existing key and prints the same public key', async () => {
    const files = new MemoryFiles();
    const first = fakeIo({ files });
    await main(['keygen', '--dir', '/keys', '-i', 'wg-b'], first);
    const before = files.files.get('/keys/wg-b.key')!.content;
    const second = fakeIo({ files });
    assert.equal(await main(['keygen', '--dir', '/keys', '--interface', 'wg-b'], second), 0);
    assert.equal(files.files.get('/keys/wg-b.key')!.content, before);
    assert.equal(second.stdoutText(), first.stdoutText());
    assert.match(second.stderrText(), /kept the existing \/keys\/wg-b\.key/);
  });

  test('pubkey prints the public key of the key file keygen made', async () => {
    const files = new MemoryFiles();
    const keygen = fakeIo({ files });
    await main(['keygen', '--dir', '/keys'], keygen);
    const pubkey = fakeIo({ files });
    assert.equal(await main(['pubkey', '--dir', '/keys'], pubkey), 0);
    assert.equal(pubkey.stdoutText(), keygen.stdoutText());
  });

  test('pubkey on a missing key file exits 2 and names the fix', async () => {
    const io = fakeIo();
    assert.equal(await main(['pubkey', '--dir', '/nowhere', '-i', 'wg7'], io), 2);
    assert.match(
      io.stderrText(),
      /\/nowhere\/wg7\.key does not exist; create it with `wg-site keygen --interface wg7`/,
    );
    assert.equal(io.stdoutText(), '');
  });

  test('pubkey --stdin derives the public key like wg pubkey', async () => {
    const io = fakeIo({ stdin: `${PRIVATE}\n` });
    assert.equal(await main(['pubkey', '--stdin'], io), 0);
    assert.equal(io.stdoutText(), `${publicKeyOf(PRIVATE)}\n`);
  });

  test('pubkey on a damaged key file exits 2 without echoing the file', async () => {
    const files = new MemoryFiles({ '/keys/wg0.key': `${PRIVATE.slice(0, 40)}\n` });
    const io = fakeIo({ files });
    assert.equal(await main(['pubkey', '--dir', '/keys'], io), 2);
    assert.match(io.stderrText(), /40 characters but a WireGuard key has exactly 44/);
    assert.ok(!io.stderrText().includes(PRIVATE.slice(0, 40)));
  });

  test('keygen and pubkey warn on stderr about a key file others can read, exit code unchanged', async () => {
    for (const [mode, uid, fix] of [
      [0o666, 65534, 'chown root:root /keys/wg0.key && chmod 600 /keys/wg0.key'],
      [0o644, 0, 'chmod 600 /keys/wg0.key'],
    ] as const) {
      const files = new MemoryFiles();
      files.files.set('/keys/wg0.key', { content: `${PRIVATE}\n`, mode, uid });
      for (const command of ['keygen', 'pubkey']) {
        const io = fakeIo({ files });
        assert.equal(await main([command, '--dir', '/keys'], io), 0);
        assert.equal(io.stdoutText(), `${publicKeyOf(PRIVATE)}\n`);
        assert.ok(io.stderrText().includes(`warning: the private key /keys/wg0.key is`), io.stderrText());
        assert.ok(io.stderrText().includes(`fix it: ${fix}\n`), io.stderrText());
      }
    }
    const quiet = fakeIo({ files: new MemoryFiles({ '/keys/wg0.key': `${PRIVATE}\n` }) });
    assert.equal(await main(['pubkey', '--dir', '/keys'], quiet), 0);
    assert.equal(quiet.stderrText(), '');
  });

  test('keygen refuses a bad interface name with exit 2', async () => {
    const io = fakeIo();
    assert.equal(await main(['keygen', '--dir', '/keys', '-i', 'wg/0'], io), 2);
    assert.match(io.stderrText(), /Interface name "wg\/0" has "\/" at position 3/);
  });
});

describe('wg-site keygen on the real file system', () => {
  test('the key file is 0600, its new directory 0700, and the umask is restored', async () => {
    const root = mkdtempSync(join(tmpdir(), 'wg-site-keygen-'));
    const previous = process.umask(0o000);
    try {
      const dir = join(root, 'etc', 'wireguard');
      const io = fakeIo({ files: systemFiles, runner: fakeRunner({}) });
      assert.equal(await main(['keygen', '--dir', dir], io), 0);
      assert.equal(process.umask(), 0o000, 'keygen puts the caller’s umask back');
      const key = join(dir, 'wg0.key');
      assert.equal(statSync(key).mode & 0o777, 0o600);
      assert.equal(statSync(dir).mode & 0o777, 0o700, 'a permissive umask does not widen the directory');
      const privateKey = parseKey(readFileSync(key, 'utf8'));
      assert.equal(io.stdoutText(), `${publicKeyOf(privateKey)}\n`);
      assert.ok(!io.stderrText().includes(privateKey) && !io.stdoutText().includes(privateKey));

      const again = fakeIo({ files: systemFiles, runner: fakeRunner({}) });
      assert.equal(await main(['keygen', '--dir', dir], again), 0);
      assert.equal(readFileSync(key, 'utf8').trim(), privateKey, 'the existing key is kept');
      assert.equal(again.stdoutText(), io.stdoutText());
    } finally {
      process.umask(previous);
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('wg-site plan with a fake host', () => {
  test('a bad site file exits 2 and lists every problem, each naming its field', async () => {
    const raw = JSON.parse(alphaText);
    raw.name = 'main office';
    raw.tunnel.listenPort = 0;
    raw.peers[0].endpoint = '2001:db8::1:51820';
    raw.peers[0].subnets = ['192.168.1.0/24'];
    const text = JSON.stringify(raw);
    const io = fakeIo({ files: new MemoryFiles({ '/site.json': text }) });
    assert.equal(await main(['plan', '--site', '/site.json'], io), 2);
    const lines = io.stderrText().trimEnd().split('\n');
    const expected = checkSiteText(text).problems;
    assert.ok(expected.length >= 3);
    assert.equal(lines.length, expected.length, io.stderrText());
    expected.forEach((problem, i) => {
      assert.ok(lines[i]!.startsWith('wg-site plan: '));
      assert.ok(lines[i]!.includes(problem.field), `${lines[i]} names ${problem.field}`);
    });
    assert.equal(io.stdoutText(), '');
  });

  test('a site file that repeats this gateway’s private key is refused without showing it', async () => {
    const raw = JSON.parse(alphaText);
    raw.peers[0].publicKey = PRIVATE;
    const files = new MemoryFiles({
      '/site.json': JSON.stringify(raw),
      '/etc/wireguard/wg0.key': `${PRIVATE}\n`,
    });
    const io = fakeIo({ files });
    assert.equal(await main(['plan', '--site', '/site.json'], io), 2);
    assert.match(io.stderrText(), /peers\[0\]\.publicKey is this gateway's PRIVATE key/);
    assert.ok(!io.stderrText().includes(PRIVATE));
  });

  test('plan --json holds the plan and no private key', async () => {
    const files = new MemoryFiles({ '/site.json': alphaText, '/etc/wireguard/wg0.key': `${PRIVATE}\n` });
    const runner = fakeRunner();
    const io = fakeIo({ files, runner });
    assert.equal(await main(['plan', '--site', '/site.json', '--json'], io), 0);
    const text = io.stdoutText();
    assert.ok(!text.includes(PRIVATE));
    const json = JSON.parse(text);
    assert.equal(json.site, 'alpha');
    assert.equal(json.interface, 'wg0');
    assert.deepEqual(
      json.files.map((f: { path: string; mode: string }) => [f.path, f.mode]),
      [
        ['/etc/wireguard/wg0.conf', '0600'],
        ['/etc/wireguard/wg0.nft', '0600'],
        ['/etc/sysctl.d/90-wg-site-wg0.conf', '0644'],
      ],
    );
    assert.match(json.files[0].content, /PostUp = wg set %i private-key \/etc\/wireguard\/wg0\.key/);
    assert.deepEqual(runner.calls.sort(), [
      ['ip', '-j', 'addr', 'show'],
      ['ip', '-j', 'route', 'show', 'default'],
      ['sh', '-c', 'command -v nft'],
    ]);
  });

  test('plan shows, in text and --json, a setting of the existing wg-quick file that defeats it', async () => {
    const previous =
      '[Interface]\nListenPort = 51820\nTable = off\nPostUp = cp /etc/wireguard/wg0.conf /root/\n';
    for (const json of [false, true]) {
      const files = new MemoryFiles({ '/site.json': alphaText, '/etc/wireguard/wg0.conf': previous });
      const io = fakeIo({ files, runner: fakeRunner() });
      assert.equal(await main(['plan', '--site', '/site.json', ...(json ? ['--json'] : [])], io), 0);
      if (json) {
        const plan = JSON.parse(io.stdoutText());
        assert.deepEqual(
          plan.conflicts.map((c: { field: string; line: number; refuse: boolean }) => [
            c.field,
            c.line,
            c.refuse,
          ]),
          [['Interface.Table', 3, true]],
        );
        assert.match(plan.files[0].content, /^PostUp = cp \/etc\/wireguard\/wg0\.conf \/root\/$/m);
      } else {
        assert.match(
          io.stdoutText(),
          /! existing \/etc\/wireguard\/wg0\.conf line 3: Table = off: wg-quick adds no routes/,
        );
      }
    }
  });

  test('plan --out writes every file with its mode and detected facts fill the gaps', async () => {
    const files = new MemoryFiles({ '/site.json': cabinText });
    const io = fakeIo({ files, runner: fakeRunner({ ...defaultHost, nft: false }) });
    assert.equal(await main(['plan', '--site', '/site.json', '--out', '/out'], io), 0);
    const conf = files.files.get('/out/etc/wireguard/wg0.conf');
    assert.equal(conf?.mode, 0o600);
    assert.match(conf!.content, /^MTU = 1320$/m, 'uplink MTU 1400 − 80');
    assert.equal(files.files.get('/out/etc/wireguard/wg0.iptables.sh')?.mode, 0o700, 'no nft: iptables');
    assert.equal(files.files.get('/out/etc/sysctl.d/90-wg-site-wg0.conf')?.mode, 0o644);
    assert.match(io.stdoutText(), /Wrote 3 files below \/out\./);
  });

  test('plan --backend and --uplink-mtu override detection', async () => {
    const files = new MemoryFiles({ '/site.json': cabinText });
    const io = fakeIo({ files });
    const code = await main(
      ['plan', '--site', '/site.json', '--backend', 'iptables', '--uplink-mtu', '1492', '--json'],
      io,
    );
    assert.equal(code, 0);
    const json = JSON.parse(io.stdoutText());
    assert.equal(json.firewall.backend, 'iptables');
    assert.equal(json.mtu.mtu, 1412);
  });

  const usage: Array<[string[], RegExp]> = [
    [['plan'], /--site FILE is required/],
    [['plan', '--site', '/missing.json'], /\/missing\.json does not exist/],
    [['plan', '--site', '/site.json', '--backend', 'pf'], /--backend must be nft or iptables, not "pf"/],
    [
      ['plan', '--site', '/site.json', '--uplink-mtu', '900'],
      /--uplink-mtu must be a whole number from 1280/,
    ],
    [['plan', '--site', '/site.json', 'extra'], /Unexpected argument 'extra'|positional/i],
  ];
  for (const [argv, pattern] of usage) {
    test(`"wg-site ${argv.join(' ')}" exits 2 with a message`, async () => {
      const io = fakeIo({ files: new MemoryFiles({ '/site.json': alphaText }) });
      assert.equal(await main(argv, io), 2);
      assert.match(io.stderrText(), pattern);
    });
  }

  test('plan refuses site text that is not JSON', async () => {
    const io = fakeIo({ files: new MemoryFiles({ '/site.json': '{ "name": ' }) });
    assert.equal(await main(['plan', '--site', '/site.json'], io), 2);
    assert.match(io.stderrText(), /not valid JSON/);
  });
});

describe('wg-site schema', () => {
  test('prints a JSON Schema naming every site-file field', async () => {
    const io = fakeIo();
    assert.equal(await main(['schema'], io), 0);
    const schema = JSON.parse(io.stdoutText());
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.deepEqual(Object.keys(schema.properties).sort(), [
      '$schema',
      'firewall',
      'interface',
      'lan',
      'name',
      'peers',
      'routing',
      'tunnel',
    ]);
    assert.deepEqual(schema.properties.routing.enum, ['default-router', 'static-route', 'masquerade']);
    const text = io.stdoutText();
    for (const field of [
      'publicKey',
      'endpoint',
      'tunnelAddress',
      'subnets',
      'persistentKeepalive',
      'presharedKeyFile',
      'listenPort',
      'mtu',
      'fromRemote',
      'address',
    ])
      assert.ok(text.includes(`"${field}"`), field);
    assert.deepEqual(schema.required.sort(), ['lan', 'name', 'peers', 'routing', 'tunnel']);
  });
});
