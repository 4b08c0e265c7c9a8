/**
 * Whole-file checks that need more than one line: peers without or with duplicate public keys
 * (errors), and warnings for repeated single-value keys, a peer that carries this interface's own
 * key, prefixes claimed by two peers, and SaveConfig = true.
 */
import { parseInterfaceAddress } from '../cidr.js';
import { ConfigSyntaxError, InputError } from '../errors.js';
import { publicKeyOf } from '../keys.js';
import { specOf } from './schema.js';
import { entriesOf, readConfig } from './read.js';
import type { ConfigWarning, WgDocument } from './types.js';

/** Field prefix of a section: `Interface`, or `Peer[i]` with peers counted from 0. */
export function sectionField(kind: 'Interface' | 'Peer', index: number): string {
  return kind === 'Peer' ? `Peer[${index}]` : 'Interface';
}

function ownPublicKey(privateKey: string | undefined): string | undefined {
  if (privateKey === undefined) return undefined;
  try {
    return publicKeyOf(privateKey);
  } catch (err) {
    if (err instanceof InputError) return undefined;
    throw err;
  }
}

/**
 * Run the cross-line checks on a document whose lines are already valid one by one.
 * @throws ConfigSyntaxError for a peer without PublicKey, or two peers with the same one.
 */
export function checkDocument(document: WgDocument): ConfigWarning[] {
  const warnings: ConfigWarning[] = [];
  const settings = readConfig(document);
  const own = ownPublicKey(settings.interface.privateKey);
  const seenKeys = new Map<string, number>();
  const seenPrefixes = new Map<string, number>();
  let peerIndex = 0;
  for (const section of document.sections) {
    if (section.kind === 'preamble') continue;
    const prefix = sectionField(section.kind, section.kind === 'Peer' ? peerIndex : 0);
    const entries = entriesOf(section);
    for (const [key, lines] of entries) {
      if (specOf(key).shape !== 'scalar' || lines.length < 2) continue;
      const winner = lines[lines.length - 1]!.line ?? 0;
      for (const line of lines.slice(0, -1)) {
        warnings.push({
          field: `${prefix}.${key}`,
          line: line.line ?? 0,
          message: `${key} is set again on line ${winner}; only that later value is used. Delete this line.`,
        });
      }
    }
    if (section.kind === 'Interface') {
      const save = entries.get('SaveConfig');
      if (settings.interface.saveConfig && save) {
        warnings.push({
          field: 'Interface.SaveConfig',
          line: save[save.length - 1]!.line ?? 0,
          message:
            'SaveConfig = true: wg-quick rewrites this file from the live interface when it goes down, ' +
            'dropping comments and any edits made to the file meanwhile. Set it to false to keep edits.',
        });
      }
      continue;
    }
    const peer = settings.peers[peerIndex]!;
    const keyLines = entries.get('PublicKey');
    const keyLine = keyLines?.[keyLines.length - 1]?.line ?? section.header?.line;
    if (peer.publicKey === '') {
      throw new ConfigSyntaxError(
        `${prefix}.PublicKey`,
        'This [Peer] has no PublicKey; every peer needs one.',
        keyLine,
      );
    }
    const earlier = seenKeys.get(peer.publicKey);
    if (earlier !== undefined) {
      throw new ConfigSyntaxError(
        `${prefix}.PublicKey`,
        `Peer[${earlier}] already has this PublicKey; merge the two [Peer] sections into one.`,
        keyLine,
      );
    }
    seenKeys.set(peer.publicKey, peerIndex);
    if (own !== undefined && peer.publicKey === own) {
      warnings.push({
        field: `${prefix}.PublicKey`,
        line: keyLine ?? 0,
        message:
          "This is the interface's own public key; use the far gateway's public key (the kernel ignores this peer).",
      });
    }
    if (settings.interface.privateKey !== undefined && peer.publicKey === settings.interface.privateKey) {
      warnings.push({
        field: `${prefix}.PublicKey`,
        line: keyLine ?? 0,
        message:
          "This is the interface's PrivateKey pasted as a public key; make a new key pair, the old one is exposed.",
      });
    }
    for (const line of entries.get('AllowedIPs') ?? []) {
      for (const item of (line.valueText ?? '').split(',')) {
        const network = parseInterfaceAddress(item).network.text;
        const owner = seenPrefixes.get(network);
        if (owner !== undefined && owner !== peerIndex) {
          warnings.push({
            field: `${prefix}.AllowedIPs`,
            line: line.line ?? 0,
            message: `${network} is also claimed by Peer[${owner}]; WireGuard gives it to the later peer only.`,
          });
        }
        seenPrefixes.set(network, peerIndex);
      }
    }
    peerIndex++;
  }
  return warnings;
}
