/**
 * Parser for the answer to `get=1` on a userspace WireGuard UAPI socket
 * (wireguard-go: `/var/run/wireguard/<if>.sock`).
 *
 * The answer is `key=value` lines: interface keys first (`private_key`, `listen_port`, `fwmark`),
 * then each `public_key=` starts a peer (`preshared_key`, `protocol_version`, `endpoint`,
 * `last_handshake_time_sec`/`_nsec`, `tx_bytes`, `rx_bytes`, `persistent_keepalive_interval`,
 * `allowed_ip` repeated), then `errno=N` and a blank line. Keys are lowercase hex here, not base64.
 *
 * The private key is never kept. With `derivePublicKey` it is used once, to compute the
 * interface's public key (as `wg` does), and then dropped. Preshared keys are reduced to "set or
 * not" (all zeros means not set).
 */
import { x25519 } from '@noble/curves/ed25519';
import { parseCount } from './numbers.js';
import { StatusParseError } from './status-parse-error.js';
import type { DeviceStatus, PeerSample } from './types.js';

const SOURCE = 'UAPI get';
const HEX_KEY = /^[0-9a-f]{64}$/;
const ZERO_KEY = '0'.repeat(64);

/** Options for {@link parseUapiGet}. */
export interface UapiParseOptions {
  /** Compute the interface public key from the private key (one X25519 operation). Default false. */
  readonly derivePublicKey?: boolean;
}

function hexBytes(hex: string, what: string, line?: number): Uint8Array {
  if (!HEX_KEY.test(hex)) {
    // The value is not quoted: it may be a private or preshared key.
    throw new StatusParseError(SOURCE, `${what} should be 64 lowercase hex digits`, line);
  }
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** Convert a 64-digit hex key (UAPI form) to base64 (the form `wg` and config files use). */
export function hexKeyToBase64(hex: string): string {
  return Buffer.from(hexBytes(hex, 'key')).toString('base64');
}

interface PeerDraft {
  publicKey: string;
  hasPresharedKey: boolean;
  endpoint: string | undefined;
  allowedIps: string[];
  latestHandshake: number;
  rxBytes: number;
  txBytes: number;
  persistentKeepalive: number | undefined;
}

/**
 * Parse a complete `get=1` answer.
 * @throws StatusParseError on a malformed line or when `errno` is not 0.
 */
export function parseUapiGet(text: string, options: UapiParseOptions = {}): DeviceStatus {
  let publicKey: string | undefined;
  let listenPort = 0;
  let fwmark: number | undefined;
  let errno: number | undefined;
  const peers: PeerSample[] = [];
  let peer: PeerDraft | undefined;
  const rows = text.split('\n');
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as string;
    const line = i + 1;
    if (row.length === 0) {
      if (errno !== undefined) break;
      continue;
    }
    const eq = row.indexOf('=');
    if (eq <= 0) throw new StatusParseError(SOURCE, 'expected a key=value line', line);
    const key = row.slice(0, eq);
    const value = row.slice(eq + 1);
    if (key === 'errno') {
      errno = parseCount(value, SOURCE, 'errno', line);
      continue;
    }
    if (key === 'public_key') {
      peer = {
        publicKey: Buffer.from(hexBytes(value, 'public_key', line)).toString('base64'),
        hasPresharedKey: false,
        endpoint: undefined,
        allowedIps: [],
        latestHandshake: 0,
        rxBytes: 0,
        txBytes: 0,
        persistentKeepalive: undefined,
      };
      peers.push(peer);
      continue;
    }
    if (peer === undefined) {
      if (key === 'private_key') {
        const bytes = hexBytes(value, 'private_key', line);
        if (options.derivePublicKey && value !== ZERO_KEY) {
          publicKey = Buffer.from(x25519.getPublicKey(bytes)).toString('base64');
        }
        bytes.fill(0);
      } else if (key === 'listen_port') listenPort = parseCount(value, SOURCE, key, line);
      else if (key === 'fwmark') fwmark = parseCount(value, SOURCE, key, line) || undefined;
      continue; // unknown interface keys are skipped: newer implementations may add some
    }
    switch (key) {
      case 'preshared_key':
        hexBytes(value, key, line);
        peer.hasPresharedKey = value !== ZERO_KEY;
        break;
      case 'endpoint':
        peer.endpoint = value.length > 0 ? value : undefined;
        break;
      case 'allowed_ip':
        peer.allowedIps.push(value);
        break;
      case 'last_handshake_time_sec':
        peer.latestHandshake = parseCount(value, SOURCE, key, line);
        break;
      case 'rx_bytes':
        peer.rxBytes = parseCount(value, SOURCE, key, line);
        break;
      case 'tx_bytes':
        peer.txBytes = parseCount(value, SOURCE, key, line);
        break;
      case 'persistent_keepalive_interval':
        peer.persistentKeepalive = parseCount(value, SOURCE, key, line) || undefined;
        break;
      default: // protocol_version, last_handshake_time_nsec and future keys: not shown
    }
  }
  if (errno === undefined) throw new StatusParseError(SOURCE, 'answer ended without an errno line');
  if (errno !== 0) throw new StatusParseError(SOURCE, `the daemon answered errno=${errno}`);
  return { interface: { publicKey, listenPort, fwmark }, peers };
}
