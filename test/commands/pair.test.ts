import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CommandIo } from '../../source/commands/command.js';
import { main } from '../../source/commands/main.js';
import { makePairCommand } from '../../source/commands/pair.js';
import { generatePresharedKey, generatePrivateKey, publicKeyOf } from '../../source/domain/keys.js';
import { decodePairingCode } from '../../source/domain/pairing/code.js';
import type { FileStore } from '../../source/system/file-store.js';

const alphaPrivate = generatePrivateKey();
const betaPublic = publicKeyOf(generatePrivateKey());
const psk = generatePresharedKey();

function siteText(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    interface: 'wg0',
    name: 'alpha',
    lan: { interface: 'eth1', subnets: ['192.168.1.0/24'] },
    tunnel: { address: '10.255.255.0/31', listenPort: 51820 },
    routing: 'masquerade',
    peers: [
      {
        name: 'beta',
        publicKey: betaPublic,
        tunnelAddress: '10.255.255.1',
        subnets: ['192.168.2.0/24'],
        presharedKeyFile: '/etc/wireguard/wg0-beta.psk',
      },
    ],
    ...extra,
  });
}

function memoryFiles(files: Record<string, string>): FileStore {
  return {
    read: async (path) => files[path],
    writeAtomic: async () => assert.fail('pair writes nothing'),
    createExclusive: async () => assert.fail('pair writes nothing'),
    remove: async () => assert.fail('pair removes nothing'),
    exists: async (path) => path in files,
    list: async () => [],
    mode: async () => 0o600,
    stat: async (path) => (path in files ? { kind: 'file', mode: 0o600, uid: 0 } : undefined),
  };
}

async function pair(argv: string[], options: { interactive?: boolean; files?: Record<string, string> } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    runner: { run: async () => assert.fail('pair runs no command') },
    files: memoryFiles(
      options.files ?? {
        '/etc/wg-site/wg0.json': siteText(),
        '/etc/wireguard/wg0.key': `${alphaPrivate}\n`,
        '/etc/wireguard/wg0-beta.psk': `${psk}\n`,
      },
    ),
    clock: { now: () => 0 },
    env: {},
    readStdin: async () => '',
    interactive: options.interactive ?? false,
  };
  const command = makePairCommand(async () => () => [
    [true, false],
    [false, true],
  ]);
  const code = await command.run(
    { values: { interface: 'wg0', dir: '/etc/wireguard', ...valuesOf(argv) }, positionals: [] },
    io,
  );
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** A tiny option reader for the test: --name value and --flag. */
function valuesOf(argv: string[]): Record<string, string | boolean> {
  const values: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!.replace(/^--/, '');
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      values[name] = next;
      i++;
    } else values[name] = true;
  }
  return values;
}

describe('wg-site pair', () => {
  test('it prints a code the far gateway decodes into this site', async () => {
    const { code, stdout, stderr } = await pair(['--endpoint', 'vpn.alpha.example.net:51820']);
    assert.equal(code, 0);
    assert.deepEqual(decodePairingCode(stdout), {
      siteName: 'alpha',
      publicKey: publicKeyOf(alphaPrivate),
      endpoint: 'vpn.alpha.example.net:51820',
      tunnelAddress: '10.255.255.0/31',
      peerTunnelAddress: '10.255.255.1/31',
      subnets: ['192.168.1.0/24'],
      listenPort: 51820,
    });
    assert.equal(stderr, '');
    assert.ok(!stdout.includes('█'), 'no QR code when stdout is not a terminal');
  });

  test('without --endpoint it says the far side will wait to be dialled', async () => {
    const { stdout, stderr } = await pair([]);
    assert.equal(decodePairingCode(stdout).endpoint, undefined);
    assert.match(stderr, /no --endpoint/);
  });

  test('--json prints only the code', async () => {
    const { stdout } = await pair(['--json']);
    const parsed = JSON.parse(stdout) as { code: string };
    assert.deepEqual(Object.keys(parsed), ['code']);
    assert.equal(decodePairingCode(parsed.code).siteName, 'alpha');
  });

  test('on a terminal a QR code follows the code', async () => {
    const { stdout } = await pair(['--endpoint', '203.0.113.5:51820'], { interactive: true });
    const lines = stdout.split('\n');
    assert.match(lines[0]!, /^wgsite1\./);
    assert.ok(lines.some((l) => /[█▀▄]/.test(l)));
  });

  test('--include-psk adds the preshared key and prints the warning', async () => {
    const { stdout, stderr } = await pair(['--include-psk']);
    assert.equal(decodePairingCode(stdout.split('\n')[0]!).presharedKey, psk);
    assert.match(stderr, /WARNING: .*secret/);
    const plain = await pair([]);
    assert.equal(decodePairingCode(plain.stdout).presharedKey, undefined);
  });

  test('--include-psk with --json is refused: JSON output never holds a key', async () => {
    await assert.rejects(pair(['--include-psk', '--json']), /never holds a key/);
  });

  test("a bad --endpoint is refused with the endpoint parser's message", async () => {
    await assert.rejects(pair(['--endpoint', 'vpn.example.com']), (e: Error) =>
      /has no port/.test(e.message),
    );
  });

  test('a missing key file says how to create it', async () => {
    await assert.rejects(
      pair([], { files: { '/etc/wg-site/wg0.json': siteText() } }),
      /wg-site keygen --interface wg0/,
    );
  });

  test('with several peers --peer chooses whose tunnel address the code offers', async () => {
    const gamma = {
      name: 'gamma',
      publicKey: publicKeyOf(generatePrivateKey()),
      tunnelAddress: '10.255.255.3',
      subnets: ['192.168.3.0/24'],
    };
    const files = {
      '/etc/wg-site/wg0.json': siteText({
        tunnel: { address: '10.255.255.1/29', listenPort: 51820 },
        peers: [
          { name: 'beta', publicKey: betaPublic, tunnelAddress: '10.255.255.2', subnets: ['192.168.2.0/24'] },
          gamma,
        ],
      }),
      '/etc/wireguard/wg0.key': alphaPrivate,
    };
    await assert.rejects(pair([], { files }), /--peer beta\|gamma/);
    const { stdout } = await pair(['--peer', 'beta'], { files });
    assert.equal(decodePairingCode(stdout).peerTunnelAddress, '10.255.255.2/29');
  });

  test('it is registered, so `wg-site pair --help` lists its options', async () => {
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: () => {} } as unknown as CommandIo;
    assert.equal(await main(['pair', '--help'], io), 0);
    assert.match(out.join(''), /--include-psk/);
  });
});
