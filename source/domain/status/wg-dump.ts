/**
 * Parsers for `wg show <if> dump` and `wg show all dump`.
 *
 * Format (tab-separated, one record a line):
 * - interface: private-key, public-key, listen-port, fwmark (`off` or `0x…`)
 * - peer: public-key, preshared-key (`(none)` when unset), endpoint (`(none)`), allowed-ips
 *   (comma list or `(none)`), latest-handshake (unix s, 0 = never), rx bytes, tx bytes,
 *   persistent-keepalive (`off` or seconds)
 * `wg show all dump` puts the interface name in front of every line.
 *
 * The private and preshared keys are dropped while reading: only "a PSK is set" survives.
 */
import { parseCount } from './numbers.js';
import { StatusParseError } from './status-parse-error.js';
import type { DeviceStatus, InterfaceStatus, PeerSample } from './types.js';

const SOURCE = 'wg show dump';
const NONE = '(none)';

/** A device from `wg show all dump`, with its interface name. */
export interface NamedDeviceStatus extends DeviceStatus {
  readonly name: string;
}

function parseFwmark(text: string, line: number): number | undefined {
  if (text === 'off' || text === '0') return undefined;
  if (/^0x[0-9a-f]+$/i.test(text)) return Number.parseInt(text.slice(2), 16);
  return parseCount(text, SOURCE, 'fwmark', line);
}

function interfaceFrom(fields: readonly string[], at: number, line: number): InterfaceStatus {
  // fields[at] is the private key: deliberately never read.
  const publicKey = fields[at + 1] ?? NONE;
  return {
    publicKey: publicKey === NONE ? undefined : publicKey,
    listenPort: parseCount(fields[at + 2] ?? '', SOURCE, 'listen-port', line),
    fwmark: parseFwmark(fields[at + 3] ?? '', line),
  };
}

function peerFrom(fields: readonly string[], at: number, line: number): PeerSample {
  const [publicKey = '', psk, endpoint = NONE, allowed = NONE, handshake = '', rx = '', tx = '', ka = 'off'] =
    fields.slice(at);
  if (publicKey.length === 0) throw new StatusParseError(SOURCE, 'peer line has no public key', line);
  return {
    publicKey,
    hasPresharedKey: psk !== undefined && psk !== NONE && psk.length > 0,
    endpoint: endpoint === NONE ? undefined : endpoint,
    allowedIps: allowed === NONE || allowed.length === 0 ? [] : allowed.split(','),
    latestHandshake: parseCount(handshake, SOURCE, 'latest-handshake', line),
    rxBytes: parseCount(rx, SOURCE, 'rx bytes', line),
    txBytes: parseCount(tx, SOURCE, 'tx bytes', line),
    persistentKeepalive: ka === 'off' || ka === '0' ? undefined : parseCount(ka, SOURCE, 'keepalive', line),
  };
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.length > 0);
}

function wrongShape(count: number, expected: string, line: number): StatusParseError {
  // The line itself is not quoted: it can hold a private or preshared key.
  return new StatusParseError(SOURCE, `expected ${expected} tab-separated fields, found ${count}`, line);
}

/** Parse `wg show <if> dump`: the interface line first, then one line per peer. */
export function parseWgDump(text: string): DeviceStatus {
  const all = lines(text);
  const first = all[0];
  if (first === undefined) throw new StatusParseError(SOURCE, 'output is empty; expected an interface line');
  const head = first.split('\t');
  if (head.length !== 4) throw wrongShape(head.length, '4 (interface)', 1);
  const peers: PeerSample[] = [];
  for (let i = 1; i < all.length; i++) {
    const fields = (all[i] as string).split('\t');
    if (fields.length !== 8) throw wrongShape(fields.length, '8 (peer)', i + 1);
    peers.push(peerFrom(fields, 0, i + 1));
  }
  return { interface: interfaceFrom(head, 0, 1), peers };
}

/** Parse `wg show all dump`: every line starts with the interface name. Devices keep first-seen order. */
export function parseWgDumpAll(text: string): NamedDeviceStatus[] {
  const devices = new Map<string, { name: string; interface?: InterfaceStatus; peers: PeerSample[] }>();
  const all = lines(text);
  for (let i = 0; i < all.length; i++) {
    const fields = (all[i] as string).split('\t');
    const name = fields[0] ?? '';
    let device = devices.get(name);
    if (device === undefined) {
      device = { name, peers: [] };
      devices.set(name, device);
    }
    if (fields.length === 5) device.interface = interfaceFrom(fields, 1, i + 1);
    else if (fields.length === 9) device.peers.push(peerFrom(fields, 1, i + 1));
    else throw wrongShape(fields.length, '5 (interface) or 9 (peer)', i + 1);
  }
  return [...devices.values()].map((d) => {
    if (d.interface === undefined) {
      throw new StatusParseError(
        SOURCE,
        `interface ${JSON.stringify(d.name)} has peers but no interface line`,
      );
    }
    return { name: d.name, interface: d.interface, peers: d.peers };
  });
}
