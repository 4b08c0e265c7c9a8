import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UnreadableInputError } from '../../../source/system/bounded-read.js';
import { snapshot } from '../../../source/system/checks/collect.js';
import { FAR_KEY } from '../../domain/checks/facts.js';
import { fakeHost } from './fake-host.js';

test('iptables-legacy-save runs only when legacy tables are loaded and the tool exists', async () => {
  const h = fakeHost();
  h.files.set('/usr/sbin/iptables-legacy-save', '');
  await snapshot(h.io, 'wg0');
  assert.ok(!h.calls.some((c) => c.includes('legacy')), 'not without /proc/net/ip_tables_names');
  h.files.set('/proc/net/ip_tables_names', 'filter\n');
  h.commands.set('/usr/sbin/iptables-legacy-save', {
    stdout: '*filter\n:FORWARD DROP [0:0]\nCOMMIT\n',
    stderr: '',
    exitCode: 0,
  });
  const { checks } = await snapshot(h.io, 'wg0');
  assert.equal(checks.find((c) => c.id === 'firewall-foreign')!.status, 'fail');
});

test('the evidence is stored in /run/wg-site between runs', async () => {
  const h = fakeHost();
  await snapshot(h.io, 'wg0');
  const stored = JSON.parse(h.files.get('/run/wg-site/wg0.evidence.json')!) as Record<
    string,
    { rxSeenAt: number }
  >;
  assert.equal(stored[FAR_KEY]!.rxSeenAt, h.now.value);
});

test('the MTU probe pings small and full size with DF, and on loss finds a size that fits', async () => {
  const h = fakeHost();
  const ping = (size: number) => `ping -n -c1 -W1 -M do -s ${size - 28} 10.99.0.1`;
  const ok = { stdout: '', stderr: '', exitCode: 0 };
  h.commands.set(ping(84), ok);
  for (const s of [1300, 1280, 1260, 1240, 1220]) h.commands.set(ping(s), ok);
  const { checks } = await snapshot(h.io, 'wg0', { probeMtu: true });
  const mtu = checks.find((c) => c.id === 'mtu:site-b')!;
  assert.equal(mtu.status, 'fail');
  assert.match(mtu.reason, /1300 bytes fit/);
  assert.ok(h.calls.includes(ping(1420)));
});

test('the checks do not fall back to iptables-save when nft cannot list the ruleset', async () => {
  const h = fakeHost();
  h.files.set('/usr/sbin/iptables-save', '');
  h.commands.delete('nft -j list ruleset');
  const { checks } = await snapshot(h.io, 'wg0');
  assert.ok(!h.calls.some((c) => c.includes('iptables-save')), h.calls.join('\n'));
  assert.match(checks.find((c) => c.id === 'firewall-foreign')!.reason, /cannot list the nft ruleset/);
});

test('a site file that cannot be read is reported with the reason, not as missing', async () => {
  const h = fakeHost();
  const read = h.io.files.read;
  h.io.files.read = async (path, maxBytes) => {
    if (path !== '/etc/wg-site/wg0.json') return read(path, maxBytes);
    throw new UnreadableInputError(path, `${path} is a FIFO (named pipe), not a regular file.`);
  };
  const { checks } = await snapshot(h.io, 'wg0');
  const reason = checks.find((c) => c.id === 'masquerade')!.reason;
  assert.match(reason, /\/etc\/wg-site\/wg0\.json is a FIFO \(named pipe\)/);
  assert.doesNotMatch(reason, /missing/);
});

test('check fails when the key file is readable by others, naming the chown and chmod to run', async () => {
  const h = fakeHost();
  h.files.set('/etc/wireguard/wg0.key', 'key\n');
  const before = (await snapshot(h.io, 'wg0')).checks.find((c) => c.id === 'key-files')!;
  assert.equal(before.status, 'pass');
  h.stats.set('/etc/wireguard/wg0.key', { mode: 0o666, uid: 65534, gid: 65534, regular: true });
  const after = (await snapshot(h.io, 'wg0')).checks.find((c) => c.id === 'key-files')!;
  assert.equal(after.status, 'fail');
  assert.equal(after.fix, 'chown root:root /etc/wireguard/wg0.key && chmod 600 /etc/wireguard/wg0.key');
});
