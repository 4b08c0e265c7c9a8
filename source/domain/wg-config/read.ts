/**
 * readConfig: the semantic view of a parsed document — what wg and wg-quick will actually use
 * (lists accumulate over repeated lines, the last line of a single-valued key wins).
 */
import { hasOwnMarker, withoutOwnMarker } from './own-marker.js';
import { specOf } from './schema.js';
import { parseValue } from './values.js';
import type {
  DocLine,
  InterfaceSettings,
  KnownKey,
  PeerSettings,
  WgDocument,
  WgSection,
  WgSettings,
} from './types.js';

/** The entry lines of a section grouped by canonical key, in file order. */
export function entriesOf(section: WgSection): Map<KnownKey, DocLine[]> {
  const map = new Map<KnownKey, DocLine[]>();
  for (const line of section.body) {
    if (line.kind !== 'entry' || !line.key) continue;
    map.set(line.key, [...(map.get(line.key) ?? []), line]);
  }
  return map;
}

const ignore = (): void => {};

/** Parsed value of one line; empty values mean "nothing" (an empty list or an unset scalar). */
function valueOf(line: DocLine): ReturnType<typeof parseValue> | undefined {
  const text = line.valueText ?? '';
  if (
    text === '' &&
    line.key !== 'PreUp' &&
    line.key !== 'PostUp' &&
    line.key !== 'PreDown' &&
    line.key !== 'PostDown'
  ) {
    return undefined;
  }
  return parseValue(line.key!, text, line.key!, ignore);
}

function last<T>(entries: Map<KnownKey, DocLine[]>, key: KnownKey): T | undefined {
  const lines = entries.get(key);
  return lines && lines.length > 0 ? (valueOf(lines[lines.length - 1]!) as T | undefined) : undefined;
}

function all(entries: Map<KnownKey, DocLine[]>, key: KnownKey): string[] {
  return (entries.get(key) ?? []).flatMap((line) => {
    const value = valueOf(line);
    if (value === undefined) return [];
    return Array.isArray(value) ? value : [String(value)];
  });
}

/**
 * The current value of a key from its lines, in the form {@link desiredOf} uses: the last line for
 * single-value keys (SaveConfig false counts as unset), all items for lists and hooks.
 */
export function currentOf(key: KnownKey, lines: DocLine[]): string | number | boolean | string[] | undefined {
  const entries = new Map<KnownKey, DocLine[]>([[key, lines]]);
  if (specOf(key).shape !== 'scalar') return all(entries, key);
  const value = last<string | number | boolean>(entries, key);
  return key === 'SaveConfig' && value === false ? undefined : value;
}

/** The name comment wg-site wrote inside a `[Peer]` block (marked `# wg-site`), if any. */
export function ownNameLineOf(section: WgSection): DocLine | undefined {
  return section.body.find(
    (line) => line.kind === 'comment' && hasOwnMarker(line.text) && nameText(line) !== undefined,
  );
}

/**
 * The comment line that names a peer: the one wg-site wrote (marked), else the first line inside the
 * block, else the line right above it (how people name peers by hand).
 */
export function nameLineOf(section: WgSection): DocLine | undefined {
  const candidates = [section.body[0], section.leading[section.leading.length - 1]];
  return (
    ownNameLineOf(section) ??
    candidates.find((line) => line?.kind === 'comment' && nameText(line) !== undefined)
  );
}

/** The name a `# name` comment gives, or undefined when the comment looks like anything else. */
export function nameText(line: DocLine): string | undefined {
  const name = withoutOwnMarker(line.text.trim()).replace(/^#+/, '').trim();
  return name === '' || name.includes('=') ? undefined : name;
}

function readInterface(section: WgSection | undefined): InterfaceSettings {
  const e = section ? entriesOf(section) : new Map<KnownKey, DocLine[]>();
  const settings: InterfaceSettings = {
    addresses: all(e, 'Address'),
    dns: all(e, 'DNS'),
    preUp: all(e, 'PreUp'),
    postUp: all(e, 'PostUp'),
    preDown: all(e, 'PreDown'),
    postDown: all(e, 'PostDown'),
    saveConfig: last<boolean>(e, 'SaveConfig') ?? false,
  };
  const privateKey = last<string>(e, 'PrivateKey');
  const listenPort = last<number>(e, 'ListenPort');
  const mtu = last<number>(e, 'MTU');
  const table = last<string>(e, 'Table');
  const fwMark = last<number>(e, 'FwMark');
  if (privateKey !== undefined) settings.privateKey = privateKey;
  if (listenPort !== undefined) settings.listenPort = listenPort;
  if (mtu !== undefined) settings.mtu = mtu;
  if (table !== undefined) settings.table = table;
  if (fwMark !== undefined) settings.fwMark = fwMark;
  return settings;
}

/** The semantic settings of one `[Peer]` section. */
export function readPeer(section: WgSection): PeerSettings {
  const e = entriesOf(section);
  const peer: PeerSettings = {
    publicKey: last<string>(e, 'PublicKey') ?? '',
    allowedIps: all(e, 'AllowedIPs'),
  };
  const nameLine = nameLineOf(section);
  const name = nameLine ? nameText(nameLine) : undefined;
  const presharedKey = last<string>(e, 'PresharedKey');
  const endpoint = last<string>(e, 'Endpoint');
  const keepalive = last<number>(e, 'PersistentKeepalive');
  if (name !== undefined) peer.name = name;
  if (presharedKey !== undefined) peer.presharedKey = presharedKey;
  if (endpoint !== undefined) peer.endpoint = endpoint;
  if (keepalive !== undefined) peer.persistentKeepalive = keepalive;
  return peer;
}

/** Read the settings a parsed (or edited) document describes. */
export function readConfig(document: WgDocument): WgSettings {
  return {
    interface: readInterface(document.sections.find((s) => s.kind === 'Interface')),
    peers: document.sections.filter((s) => s.kind === 'Peer').map(readPeer),
  };
}
