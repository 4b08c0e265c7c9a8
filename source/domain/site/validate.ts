import { parseCidr, parseInterfaceAddress, parseIp, type Cidr } from '../cidr.js';
import { parseEndpoint, parsePort } from '../endpoint.js';
import { at, InputError, AddressError, KeyError, SiteFileError, ValueRangeError } from '../errors.js';
import { parsePublicKey } from '../keys.js';
import { MAX_PEERS } from '../input-limits.js';
import { parseFilePath } from '../file-path.js';
import { parseInterfaceName, parseSiteName } from '../names.js';
import { JsonSyntaxError, parseStrictJson } from '../strict-json.js';
import type { OwnKeys, Site, SitePeer } from './model.js';
import { siteSchema, type SiteInput } from './schema.js';
import { crossCheck } from './cross-check.js';
import { problemsFromIssue } from './zod-problems.js';

/** The outcome of checking a site file: the site when it is sound, and every problem found. */
export interface SiteCheck {
  site: Site | undefined;
  problems: InputError[];
}

/** Run `parse`, recording an {@link InputError} instead of throwing it. */
function attempt<T>(problems: InputError[], parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InputError) {
      problems.push(error);
      return undefined;
    }
    throw error;
  }
}

function checkMtu(mtu: number | undefined, ipv6: boolean, problems: InputError[]): void {
  if (mtu === undefined) return;
  const min = ipv6 ? 1280 : 576;
  if (mtu < min || mtu > 9000) {
    const why = ipv6 ? ' (IPv6 needs at least 1280)' : '';
    problems.push(
      new ValueRangeError(
        'tunnel.mtu',
        `tunnel.mtu ${mtu} is out of range; use ${min}–9000${why}, usually 1420.`,
      ),
    );
  }
}

/**
 * `$schema`: where editors find the site file's JSON Schema. It reaches no file, rule or command, but
 * it is still held to printable ASCII without spaces (a URL or a path) so nothing odd hides in it.
 */
function checkSchemaReference(text: string | undefined, problems: InputError[]): void {
  if (text === undefined) return;
  if (!/^[\x21-\x7e]{1,2048}$/.test(text)) {
    problems.push(
      new SiteFileError(
        '$schema',
        '$schema must be a URL or path to the JSON Schema (printable ASCII, no spaces, at most 2048 characters), or left out.',
      ),
    );
  }
}

/** A far LAN subnet: a CIDR, but never a default route (site-to-site routes only the far LANs). */
function parseFarSubnet(text: string, field: string): Cidr {
  const cidr = parseCidr(text, field);
  if (cidr.prefix === 0) {
    throw new AddressError(
      field,
      `${field} ${cidr.text} would send all ${cidr.version === 4 ? 'IPv4' : 'IPv6'} traffic into the tunnel; list only the far site's LAN subnets, e.g. 192.168.2.0/24.`,
    );
  }
  return cidr;
}

function parsePeer(
  input: SiteInput['peers'][number],
  index: number,
  own: OwnKeys,
  problems: InputError[],
): SitePeer | undefined {
  const base = `peers[${index}]`;
  const name = attempt(problems, () => parseSiteName(input.name, at(base, 'name')));
  const publicKey = attempt(problems, () => {
    const field = at(base, 'publicKey');
    const key = parsePublicKey(input.publicKey, field);
    if (own.privateKey !== undefined && key === own.privateKey) {
      throw new KeyError(
        field,
        `${field} is this gateway's PRIVATE key. Never share it: paste the far gateway's public key (wg-site pubkey on that gateway).`,
      );
    }
    if (own.publicKey !== undefined && key === own.publicKey) {
      throw new KeyError(
        field,
        `${field} is this gateway's own public key; paste the far gateway's public key instead.`,
      );
    }
    return key;
  });
  const endpoint =
    input.endpoint === undefined
      ? undefined
      : attempt(problems, () => parseEndpoint(input.endpoint!, at(base, 'endpoint')));
  const tunnelAddress = attempt(problems, () => parseIp(input.tunnelAddress, at(base, 'tunnelAddress')));
  const subnets = input.subnets.map((text, k) =>
    attempt(problems, () => parseFarSubnet(text, at(base, `subnets[${k}]`))),
  );
  if (input.subnets.length === 0)
    problems.push(
      new SiteFileError(at(base, 'subnets'), `${at(base, 'subnets')} needs at least one far LAN subnet.`),
    );
  const keepalive = input.persistentKeepalive;
  if (keepalive !== undefined && (keepalive < 0 || keepalive > 65535)) {
    problems.push(
      new ValueRangeError(
        at(base, 'persistentKeepalive'),
        `${at(base, 'persistentKeepalive')} ${keepalive} is out of range; use 1–65535 seconds (25 is usual), or 0 for off.`,
      ),
    );
  }
  const presharedKeyFile =
    input.presharedKeyFile === undefined
      ? undefined
      : attempt(problems, () => parseFilePath(input.presharedKeyFile!, at(base, 'presharedKeyFile')));
  if (
    !name ||
    !publicKey ||
    (input.endpoint !== undefined && !endpoint) ||
    !tunnelAddress ||
    subnets.some((s) => !s) ||
    (input.presharedKeyFile !== undefined && !presharedKeyFile)
  )
    return undefined;
  return {
    name,
    publicKey,
    endpoint,
    tunnelAddress,
    subnets: subnets as Cidr[],
    persistentKeepalive: keepalive === 0 ? undefined : keepalive,
    presharedKeyFile,
  };
}

/**
 * The first list in RAW longer than any list of a site file may be (its path and length), so a
 * huge list is refused at once instead of producing a problem per entry.
 */
function overlongList(raw: unknown, path = ''): InputError | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  if (Array.isArray(raw) && raw.length > MAX_PEERS) {
    const field = path || '(site file)';
    return new SiteFileError(field, `${field} has ${raw.length} entries; at most ${MAX_PEERS} are allowed.`);
  }
  for (const [key, value] of Object.entries(raw)) {
    const found = overlongList(value, Array.isArray(raw) ? `${path}[${key}]` : at(path, key));
    if (found) return found;
  }
  return undefined;
}

/** Check a site file (already parsed from JSON) completely, collecting every problem. */
export function checkSite(raw: unknown, own: OwnKeys = {}): SiteCheck {
  const overlong = overlongList(raw);
  if (overlong) return { site: undefined, problems: [overlong] };
  const parsed = siteSchema.safeParse(raw);
  if (!parsed.success)
    return {
      site: undefined,
      problems: parsed.error.issues.flatMap((issue) => problemsFromIssue(issue, raw)),
    };
  const input = parsed.data;
  const problems: InputError[] = [];
  checkSchemaReference(input.$schema, problems);
  const iface = attempt(problems, () => parseInterfaceName(input.interface, 'interface'));
  const name = attempt(problems, () => parseSiteName(input.name, 'name'));
  const lanInterface =
    input.lan.interface === undefined
      ? undefined
      : attempt(problems, () => parseInterfaceName(input.lan.interface!, 'lan.interface'));
  const lanAddress =
    input.lan.address === undefined
      ? undefined
      : attempt(problems, () => parseInterfaceAddress(input.lan.address!, 'lan.address'));
  const lanSubnets = input.lan.subnets.map((text, i) =>
    attempt(problems, () => parseCidr(text, `lan.subnets[${i}]`)),
  );
  const tunnelAddress = attempt(problems, () =>
    parseInterfaceAddress(input.tunnel.address, 'tunnel.address'),
  );
  const listenPort = attempt(problems, () => parsePort(input.tunnel.listenPort, 'tunnel.listenPort'));
  const fromRemote = input.firewall.fromRemote;
  if (fromRemote !== 'all') {
    for (const proto of ['tcp', 'udp'] as const) {
      fromRemote[proto].forEach((port, i) =>
        attempt(problems, () => parsePort(port, `firewall.fromRemote.${proto}[${i}]`)),
      );
    }
  }
  const peers = input.peers.map((peer, i) => parsePeer(peer, i, own, problems));
  const anyV6 =
    [...lanSubnets, ...peers.flatMap((p) => p?.subnets ?? [])].some((c) => c?.version === 6) ||
    tunnelAddress?.address.version === 6;
  checkMtu(input.tunnel.mtu, anyV6, problems);
  if (
    problems.length > 0 ||
    !iface ||
    !name ||
    !tunnelAddress ||
    !listenPort ||
    lanSubnets.some((s) => !s) ||
    peers.some((p) => !p)
  ) {
    return { site: undefined, problems };
  }
  const site: Site = {
    interface: iface,
    name,
    lan: { interface: lanInterface, address: lanAddress, subnets: lanSubnets as Cidr[] },
    tunnel: { address: tunnelAddress, listenPort, mtu: input.tunnel.mtu },
    routing: input.routing,
    firewall: {
      fromRemote: fromRemote === 'all' ? 'all' : { tcp: [...fromRemote.tcp], udp: [...fromRemote.udp] },
    },
    peers: peers as SitePeer[],
  };
  crossCheck(site, problems);
  return problems.length > 0 ? { site: undefined, problems } : { site, problems };
}

/** Check a site file and return it, or throw its first problem (an {@link InputError}). */
export function parseSite(raw: unknown, own: OwnKeys = {}): Site {
  const { site, problems } = checkSite(raw, own);
  if (!site) throw problems[0] ?? new SiteFileError('(site file)', 'The site file is not valid.');
  return site;
}

/**
 * Site-file text as JSON (strictly: see {@link parseStrictJson}), or the one problem that stops it:
 * a syntax error (with line and column), or a key written twice (named by its path).
 */
export function readSiteJson(text: string): { raw: unknown } | { problem: InputError } {
  try {
    return { raw: parseStrictJson(text) };
  } catch (error) {
    if (error instanceof JsonSyntaxError)
      return {
        problem: new SiteFileError('(site file)', `The site file is not valid JSON: ${error.message}.`),
      };
    if (error instanceof InputError) return { problem: error };
    throw error;
  }
}

/** Parse site-file text (JSON) and check it; a JSON syntax error names where it is. */
export function checkSiteText(text: string, own: OwnKeys = {}): SiteCheck {
  const json = readSiteJson(text);
  if ('problem' in json) return { site: undefined, problems: [json.problem] };
  return checkSite(json.raw, own);
}
