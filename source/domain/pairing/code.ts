/**
 * Pairing codes: one pasteable line that tells the far gateway everything it needs about this one.
 *
 * Text form: `wgsite1.` followed by the base64url (no padding) of a binary payload. The payload's
 * framing never changes between versions, so any wg-site can tell a damaged code from a newer one:
 *
 *   byte 0      format version (this code writes and reads 1)
 *   bytes 1–2   total payload length in bytes, checksum included (big-endian)
 *   …           the version's fields
 *   last 4      the first 4 bytes of SHA-256 over the ASCII prefix and every byte before them
 *
 * Version 1 fields, in order: flags (bit 0 endpoint, bit 1 preshared key), public key (32 bytes),
 * listen port (u16), site name (length + ASCII), this end's tunnel address and the far end's
 * (family 4|6, address bytes, prefix length), LAN subnets (count, then family, prefix length and the
 * covered network bytes), endpoint when flagged (kind 4|6|0=host name, address or name, port u16),
 * preshared key when flagged (32 bytes). A typical IPv4 code without a preshared key is ~120 characters.
 */
import { parseCidr, parseInterfaceAddress, parseIp, type InterfaceAddress } from '../cidr.js';
import { parseEndpoint, parsePort } from '../endpoint.js';
import { AddressError } from '../errors.js';
import { parseKey, parsePublicKey } from '../keys.js';
import { parseSiteName } from '../names.js';
import { ByteReader, ByteWriter, PayloadShapeError } from './bytes.js';
import { GarbledPairingCodeError, PAIRING_FIELD, SelfPairingError } from './errors.js';
import {
  checkFrame,
  checksum,
  CHECKSUM_BYTES,
  HEADER_BYTES,
  PAIRING_PREFIX,
  PAIRING_VERSION,
  unwrap,
} from './frame.js';

export { cleanPastedCode, PAIRING_PREFIX, PAIRING_VERSION } from './frame.js';

/** What the far gateway needs to know about the gateway that made the code. */
export interface PairingInfo {
  /** The maker's site name, e.g. `alpha`; it becomes the peer's name on the far side. */
  siteName: string;
  /** The maker's public key (44 characters, base64). */
  publicKey: string;
  /** Where the far gateway can reach the maker (`host:port`); absent when the maker dials out. */
  endpoint?: string;
  /** The maker's tunnel address with prefix, e.g. `10.255.255.0/31`. */
  tunnelAddress: string;
  /** The tunnel address, with prefix, the far gateway should take, e.g. `10.255.255.1/31`. */
  peerTunnelAddress: string;
  /** The maker's LAN subnets (CIDR). */
  subnets: string[];
  /** The maker's WireGuard UDP port. */
  listenPort: number;
  /** The preshared key; encoded only when the admin opts in (see {@link PAIRING_PSK_WARNING}). */
  presharedKey?: string;
}

/** Shown before a code that carries the preshared key: the UI and the CLI both use this text. */
export const PAIRING_PSK_WARNING =
  'This pairing code contains the preshared key, a secret. Paste it only into the far gateway over a ' +
  'channel you trust (an SSH session, not chat or e-mail), and do not leave it in shell history or notes.';

const FLAG_ENDPOINT = 1;
const FLAG_PSK = 2;

function keyBytes(key: string): Uint8Array {
  return new Uint8Array(Buffer.from(key, 'base64'));
}

function writeEndpoint(w: ByteWriter, text: string): void {
  const endpoint = parseEndpoint(text, `${PAIRING_FIELD}.endpoint`);
  if (endpoint.kind === 'hostname') w.u8(0).text(endpoint.host);
  else w.address(parseIp(endpoint.host));
  w.u16(endpoint.port);
}

function readEndpoint(r: ByteReader): string {
  const kind = r.u8();
  let host: string;
  if (kind === 0) host = r.text();
  else if (kind === 4 || kind === 6) {
    // The address reader reads the family byte itself.
    const bytes = r.raw(kind === 4 ? 4 : 16);
    host = parseIp(kind === 4 ? [...bytes].join('.') : v6Text(bytes)).text;
  } else throw new PayloadShapeError(`unknown endpoint kind ${kind}`);
  const port = r.u16();
  return parseEndpoint(kind === 6 ? `[${host}]:${port}` : `${host}:${port}`, `${PAIRING_FIELD}.endpoint`)
    .text;
}

function v6Text(bytes: Uint8Array): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return groups.join(':');
}

function tunnelAddressText(a: InterfaceAddress): string {
  return `${a.address.text}/${a.prefix}`;
}

/**
 * Encode a pairing code. The preshared key is included only with `includePresharedKey: true`.
 * @throws InputError subclasses (naming `pairingCode.<field>`) when a value in `info` is invalid.
 */
export function encodePairingCode(
  info: PairingInfo,
  options: { includePresharedKey?: boolean } = {},
): string {
  const f = (name: string) => `${PAIRING_FIELD}.${name}`;
  const name = parseSiteName(info.siteName, f('siteName'));
  const publicKey = parsePublicKey(info.publicKey, f('publicKey'));
  const own = parseInterfaceAddress(info.tunnelAddress, f('tunnelAddress'));
  const peer = parseInterfaceAddress(info.peerTunnelAddress, f('peerTunnelAddress'));
  const subnets = info.subnets.map((s, i) => parseCidr(s, f(`subnets[${i}]`)));
  const port = parsePort(info.listenPort, f('listenPort'));
  const psk =
    options.includePresharedKey && info.presharedKey !== undefined
      ? parseKey(info.presharedKey, f('presharedKey'))
      : undefined;
  const body = new ByteWriter();
  const flags = (info.endpoint !== undefined ? FLAG_ENDPOINT : 0) | (psk !== undefined ? FLAG_PSK : 0);
  body.u8(flags).raw(keyBytes(publicKey)).u16(port).text(name);
  body.address(own.address).u8(own.prefix).address(peer.address).u8(peer.prefix);
  body.u8(subnets.length);
  subnets.forEach((s) => body.prefix(s));
  if (info.endpoint !== undefined) writeEndpoint(body, info.endpoint);
  if (psk !== undefined) body.raw(keyBytes(psk));
  const fields = body.done();
  const total = HEADER_BYTES + fields.length + CHECKSUM_BYTES;
  const head = new ByteWriter().u8(PAIRING_VERSION).u16(total).raw(fields).done();
  const payload = new ByteWriter().raw(head).raw(checksum(head)).done();
  return PAIRING_PREFIX + Buffer.from(payload).toString('base64url');
}

function readFields(r: ByteReader): PairingInfo {
  const f = (name: string) => `${PAIRING_FIELD}.${name}`;
  const flags = r.u8();
  if (flags & ~(FLAG_ENDPOINT | FLAG_PSK)) throw new PayloadShapeError(`unknown flags ${flags}`);
  const publicKey = parsePublicKey(Buffer.from(r.raw(32)).toString('base64'), f('publicKey'));
  const listenPort = parsePort(r.u16(), f('listenPort'));
  const siteName = parseSiteName(r.text(), f('siteName'));
  const own = r.address();
  const ownPrefix = r.u8();
  const peer = r.address();
  const peerPrefix = r.u8();
  const tunnelAddress = parseInterfaceAddress(`${own.text}/${ownPrefix}`, f('tunnelAddress'));
  const peerTunnelAddress = parseInterfaceAddress(`${peer.text}/${peerPrefix}`, f('peerTunnelAddress'));
  if (own.version !== peer.version) {
    throw new AddressError(
      f('peerTunnelAddress'),
      'The two tunnel addresses in the pairing code are of different IP versions.',
    );
  }
  const count = r.u8();
  const subnets: string[] = [];
  for (let i = 0; i < count; i++) subnets.push(r.prefix().text);
  const info: PairingInfo = {
    siteName,
    publicKey,
    tunnelAddress: tunnelAddressText(tunnelAddress),
    peerTunnelAddress: tunnelAddressText(peerTunnelAddress),
    subnets,
    listenPort,
  };
  if (flags & FLAG_ENDPOINT) info.endpoint = readEndpoint(r);
  if (flags & FLAG_PSK)
    info.presharedKey = parseKey(Buffer.from(r.raw(32)).toString('base64'), f('presharedKey'));
  if (r.remaining !== 0) throw new PayloadShapeError(`${r.remaining} unexpected bytes`);
  return info;
}

/**
 * Decode a pasted pairing code. Whitespace and line breaks anywhere in `text` are ignored.
 * With `own.publicKey`, a code that carries this gateway's own key is refused.
 * @throws GarbledPairingCodeError, TruncatedPairingCodeError, ChecksumPairingCodeError,
 *   NewerPairingCodeError, SelfPairingError, or a parser's InputError naming `pairingCode.<field>`.
 */
export function decodePairingCode(text: string, own: { publicKey?: string } = {}): PairingInfo {
  const payload = unwrap(text);
  checkFrame(payload);
  let info: PairingInfo;
  try {
    info = readFields(new ByteReader(payload.subarray(HEADER_BYTES, payload.length - CHECKSUM_BYTES)));
  } catch (error) {
    if (!(error instanceof PayloadShapeError)) throw error;
    throw new GarbledPairingCodeError(
      `The pairing code passed its checksum but its content is malformed (${error.message}); make a new one with \`wg-site pair\` on the far gateway.`,
    );
  }
  if (own.publicKey !== undefined && info.publicKey === own.publicKey.trim()) {
    throw new SelfPairingError(
      `This pairing code was made on this gateway (it carries this gateway's own public key); paste the code made on the far gateway ("${info.siteName}" is this site).`,
    );
  }
  return info;
}
