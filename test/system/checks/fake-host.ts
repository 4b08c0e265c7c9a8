// A fake gateway for command and gather tests: canned command output and an in-memory file store.
import type { CommandIo } from '../../../source/commands/command.js';
import type { CommandResult, CommandRunner } from '../../../source/system/command-runner.js';
import type { FileStore } from '../../../source/system/file-store.js';
import { FAR_KEY, NOW, siteInput } from '../../domain/checks/facts.js';

export const PRIVATE_KEY = 'sLHP8wmO0MuCL6B2OMzAUhT1C/5FmlZ61GRlsLS1Ak0=';
export const PSK = 'D0Qj9TXJ2qRFnfQNqqTXm+I4Mf04DJX4McIuH3juJ3o=';
export const OWN_PUBLIC = 'zd9Y3purPIprkx+3xs0A3Q2sCE4xmI2Ud+qaCOX2vVE=';

function rules(n: number, chain: string, extra: object[] = []) {
  return Array.from({ length: n }, (_, i) => ({
    rule: {
      family: 'inet',
      table: 'wg_site_wg0',
      chain,
      handle: i + 10,
      expr: [
        { match: { op: '==', left: { meta: { key: 'iifname' } }, right: 'wg0' } },
        ...extra,
        { accept: null },
      ],
    },
  }));
}

/** `nft -j list ruleset` of a gateway with wg-site's masquerade table loaded. */
export function nftJson(extra: object[] = []): string {
  const chain = (name: string, hook: string, type = 'filter') => ({
    chain: { family: 'inet', table: 'wg_site_wg0', name, handle: 1, type, hook, prio: 0, policy: 'accept' },
  });
  return JSON.stringify({
    nftables: [
      { metainfo: { version: '1.0.6' } },
      { table: { family: 'inet', name: 'wg_site_wg0', handle: 1 } },
      chain('input', 'input'),
      chain('forward', 'forward'),
      chain('postrouting', 'postrouting', 'nat'),
      ...rules(5, 'input'),
      ...rules(6, 'forward'),
      {
        rule: {
          family: 'inet',
          table: 'wg_site_wg0',
          chain: 'postrouting',
          handle: 99,
          expr: [{ masquerade: null }],
        },
      },
      ...extra,
    ],
  });
}

export const IP_ADDR = JSON.stringify([
  {
    ifname: 'wg0',
    flags: ['POINTOPOINT', 'NOARP', 'UP', 'LOWER_UP'],
    mtu: 1420,
    addr_info: [{ family: 'inet', local: '10.99.0.0', prefixlen: 31 }],
  },
  {
    ifname: 'eth-lan',
    flags: ['BROADCAST', 'UP'],
    mtu: 1500,
    addr_info: [{ family: 'inet', local: '192.168.11.2', prefixlen: 24 }],
  },
]);

export const IP_ROUTE = JSON.stringify([
  { dst: 'default', gateway: '198.51.100.254', dev: 'eth-wan' },
  { dst: '10.99.0.0/31', dev: 'wg0', protocol: 'kernel' },
  { dst: '192.168.11.0/24', dev: 'eth-lan', protocol: 'kernel' },
  { dst: '192.168.12.0/24', dev: 'wg0' },
  { type: 'local', dst: '192.168.11.2', dev: 'eth-lan', table: 'local' },
]);

/** `wg show wg0 dump` with a private key and a preshared key in it (they must never be printed). */
export function wgDump(handshakeAgo = 20, rx = 1000, tx = 2000): string {
  return (
    [
      [PRIVATE_KEY, OWN_PUBLIC, '51820', 'off'].join('\t'),
      [
        FAR_KEY,
        PSK,
        '198.51.100.2:51820',
        '10.99.0.1/32,192.168.12.0/24',
        String(NOW / 1000 - handshakeAgo),
        String(rx),
        String(tx),
        '25',
      ].join('\t'),
    ].join('\n') + '\n'
  );
}

/** Mutable canned answers: tests change one entry to inject a fault. */
export interface FakeHost {
  commands: Map<string, CommandResult>;
  files: Map<string, string>;
  calls: string[];
  out: string[];
  err: string[];
  io: CommandIo;
  now: { value: number };
}

export function fakeHost(): FakeHost {
  const ok = (stdout: string): CommandResult => ({ stdout, stderr: '', exitCode: 0 });
  const commands = new Map<string, CommandResult>([
    ['ip -j addr', ok(IP_ADDR)],
    ['ip -j route show table all', ok(IP_ROUTE)],
    ['nft -j list ruleset', ok(nftJson())],
    ['wg show wg0 dump', ok(wgDump())],
    ['/usr/bin/timedatectl show -p NTPSynchronized --value', ok('yes\n')],
  ]);
  const files = new Map<string, string>([
    ['/etc/wg-site/wg0.json', JSON.stringify(siteInput())],
    ['/etc/sysctl.d/90-wg-site-wg0.conf', 'net.ipv4.ip_forward = 1\n'],
    ['/proc/sys/net/ipv4/ip_forward', '1\n'],
    ['/proc/sys/net/ipv6/conf/all/forwarding', '0\n'],
    ['/proc/sys/net/ipv4/conf/all/rp_filter', '0\n'],
    ['/proc/sys/net/ipv4/conf/wg0/rp_filter', '0\n'],
    ['/proc/sys/net/ipv4/conf/eth-lan/rp_filter', '2\n'],
    ['/usr/bin/timedatectl', ''],
  ]);
  const calls: string[] = [];
  const out: string[] = [];
  const err: string[] = [];
  const runner: CommandRunner = {
    async run(file, args) {
      const key = [file, ...args].join(' ');
      calls.push(key);
      return commands.get(key) ?? { stdout: '', stderr: `${file}: command not found`, exitCode: 127 };
    },
  };
  const store: FileStore = {
    read: async (p) => files.get(p),
    writeAtomic: async (p, c) => void files.set(p, c),
    createExclusive: async (p, c) => (files.has(p) ? false : (files.set(p, c), true)),
    remove: async (p) => void files.delete(p),
    exists: async (p) => files.has(p),
    list: async () => [],
    mode: async (p) => (files.has(p) ? 0o600 : undefined),
    stat: async (p) => (files.has(p) ? { kind: 'file', mode: 0o600, uid: 0 } : undefined),
  };
  const now = { value: NOW };
  return {
    commands,
    files,
    calls,
    out,
    err,
    now,
    io: {
      stdout: (t) => void out.push(t),
      stderr: (t) => void err.push(t),
      runner,
      files: store,
      clock: { now: () => now.value },
      env: { WG_SITE_UAPI_DIR: '/nonexistent/wg-site-test-uapi' },
      readStdin: async () => '',
      interactive: false,
    },
  };
}
