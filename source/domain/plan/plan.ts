import { parseInterfaceAddress, type InterfaceAddress } from '../cidr.js';
import { SiteFileError } from '../errors.js';
import { peerAllowedIps } from '../site/allowed-ips.js';
import type { Site } from '../site/model.js';
import { applyConfig } from '../wg-config/edit.js';
import { parseWgConfig } from '../wg-config/parse.js';
import { readConfig } from '../wg-config/read.js';
import { renderWgConfig } from '../wg-config/render.js';
import { hookWord } from '../shell-words.js';
import { parseInterfaceName } from '../names.js';
import type { WgSettings } from '../wg-config/types.js';
import {
  firewallTableName,
  legacyFirewallTableName,
  pathsFor,
  type HostFacts,
  type PlanContext,
} from './context.js';
import { renderIptablesScript } from './iptables.js';
import { planConflicts, type PlanConflict } from './conflicts.js';
import { chooseMtu, type MtuChoice } from './mtu.js';
import { mergeHooks } from './own-hooks.js';
import { nftRemoveCommand, renderNftRuleset } from './nft.js';
import { routingAdvice, type RoutingAdvice } from './routing-advice.js';
import { renderSysctlFile, sysctlSettings, type SysctlSetting } from './sysctl.js';

/** One file the gateway needs, with its full content. */
export interface PlannedFile {
  path: string;
  content: string;
  /** Unix permission bits, e.g. 0o600. */
  mode: number;
  purpose: string;
}

/** Everything one gateway needs, derived from its site file and a few host facts. */
export interface Plan {
  site: Site;
  files: PlannedFile[];
  sysctl: SysctlSetting[];
  mtu: MtuChoice;
  routing: RoutingAdvice;
  firewall: { backend: HostFacts['firewallBackend']; table: string; load: string; remove: string };
  /** The commands apply runs, in order, as an admin would type them. */
  commands: string[];
  warnings: string[];
  /** Settings of the existing wg-quick file that work against the plan (also in `warnings`). */
  conflicts: PlanConflict[];
}

function resolveLan(site: Site, facts: HostFacts): { lanInterface: string; lanAddress: InterfaceAddress } {
  // A detected name is held to the same grammar as one from the site file: it lands in rules and scripts.
  const lanInterface =
    site.lan.interface ?? (facts.lanInterface && parseInterfaceName(facts.lanInterface, 'lan.interface'));
  if (!lanInterface) {
    throw new SiteFileError(
      'lan.interface',
      'lan.interface is not set and no LAN interface was found on this host; name it, e.g. "eth0".',
    );
  }
  const lanAddress =
    site.lan.address ??
    (facts.lanAddress ? parseInterfaceAddress(facts.lanAddress, 'lan.address') : undefined);
  if (!lanAddress) {
    throw new SiteFileError(
      'lan.address',
      `lan.address is not set and ${lanInterface} has no address on this host; give it, e.g. "192.168.1.10/24".`,
    );
  }
  return { lanInterface, lanAddress };
}

/** Merge the site file with host facts into what the renderers need. */
export function planContext(site: Site, facts: HostFacts): PlanContext {
  const { lanInterface, lanAddress } = resolveLan(site, facts);
  const farPrefixes = site.peers.flatMap(peerAllowedIps);
  const all = [...site.lan.subnets, ...farPrefixes, site.tunnel.address.network];
  return {
    site,
    lanInterface,
    lanAddress,
    farPrefixes,
    usesIpv4: all.some((c) => c.version === 4),
    usesIpv6: all.some((c) => c.version === 6),
    lanRouter: facts.lanRouter,
  };
}

function desiredSettings(
  ctx: PlanContext,
  mtu: number,
  load: string,
  remove: string,
  previous: WgSettings | undefined,
): WgSettings {
  const { site } = ctx;
  const hooks = (previousLines: string[] | undefined, own: string[]) =>
    mergeHooks(previousLines ?? [], own, site.interface);
  const pskHooks = site.peers
    .filter((peer) => peer.presharedKeyFile)
    .map(
      (peer) =>
        `wg set %i peer ${hookWord(peer.publicKey)} preshared-key ${hookWord(peer.presharedKeyFile!)}`,
    );
  return {
    interface: {
      addresses: [`${site.tunnel.address.address.text}/${site.tunnel.address.prefix}`],
      listenPort: site.tunnel.listenPort,
      mtu,
      dns: previous?.interface.dns ?? [],
      ...(previous?.interface.table !== undefined ? { table: previous.interface.table } : {}),
      ...(previous?.interface.fwMark !== undefined ? { fwMark: previous.interface.fwMark } : {}),
      preUp: hooks(previous?.interface.preUp, []),
      postUp: hooks(previous?.interface.postUp, [
        `wg set %i private-key ${hookWord(pathsFor(site.interface).privateKey)}`,
        ...pskHooks,
        load,
      ]),
      preDown: hooks(previous?.interface.preDown, []),
      postDown: hooks(previous?.interface.postDown, [remove]),
      saveConfig: false,
    },
    peers: site.peers.map((peer) => ({
      name: peer.name,
      publicKey: peer.publicKey,
      ...(peer.endpoint ? { endpoint: peer.endpoint.text } : {}),
      allowedIps: peerAllowedIps(peer).map((c) => c.text),
      ...(peer.persistentKeepalive ? { persistentKeepalive: peer.persistentKeepalive } : {}),
    })),
  };
}

/**
 * Versions before the injective table names gave interfaces with `- . = +` or capitals another nft
 * table; when the existing file still names it, say that it may still be loaded and how to drop it.
 */
function legacyTableWarning(iface: string, previousWgQuick: string | undefined): string[] {
  const legacy = legacyFirewallTableName(iface);
  if (legacy === firewallTableName(iface) || !previousWgQuick?.includes(`delete table inet ${legacy}'`))
    return [];
  return [
    `an older wg-site named this interface's nft table ${legacy}; this plan uses ${firewallTableName(iface)}. ` +
      `If no interface of that other name uses it, remove the old one: nft delete table inet ${legacy}`,
  ];
}

/**
 * Turn a validated site file into everything the gateway needs: the wg-quick file, the firewall
 * ruleset, the sysctl file, and plain advice. Pure: host facts come in as data. When the gateway
 * already has a wg-quick file, pass its text so comments, unknown keys and the admin's own hook
 * lines survive the rewrite.
 */
export function planSite(site: Site, facts: HostFacts, previousWgQuick?: string): Plan {
  const ctx = planContext(site, facts);
  const paths = pathsFor(site.interface);
  const mtu = chooseMtu(site.tunnel.mtu, facts.uplinkMtu, facts.uplinkInterface);
  const table = firewallTableName(site.interface);
  const nft = facts.firewallBackend === 'nft';
  const load = nft ? `nft -f ${hookWord(paths.nft)}` : `sh ${hookWord(paths.iptables)} up`;
  const remove = nft ? nftRemoveCommand(site.interface) : `sh ${hookWord(paths.iptables)} down`;
  const previous = previousWgQuick === undefined ? undefined : parseWgConfig(previousWgQuick);
  const conflicts = previous ? planConflicts(previous.document, paths.wgQuick, paths.privateKey) : [];
  const covered = new Set(conflicts.map((c) => c.line));
  const warnings = [
    ...(previous?.warnings ?? [])
      .filter((w) => !covered.has(w.line))
      .map((w) => `existing ${paths.wgQuick}: ${w.message}`),
    ...conflicts.map((c) => `existing ${paths.wgQuick} line ${c.line}: ${c.message}`),
    ...legacyTableWarning(site.interface, previousWgQuick),
  ];
  const previousSettings = previous ? readConfig(previous.document) : undefined;
  const document = applyConfig(
    previous?.document,
    desiredSettings(ctx, mtu.mtu, load, remove, previousSettings),
  );
  const files: PlannedFile[] = [
    {
      path: paths.wgQuick,
      content: renderWgConfig(document),
      mode: 0o600,
      purpose: 'wg-quick configuration',
    },
    nft
      ? {
          path: paths.nft,
          content: renderNftRuleset(ctx),
          mode: 0o600,
          purpose: `nftables table inet ${table}`,
        }
      : { path: paths.iptables, content: renderIptablesScript(ctx), mode: 0o700, purpose: 'iptables chains' },
    { path: paths.sysctl, content: renderSysctlFile(ctx), mode: 0o644, purpose: 'forwarding at boot' },
  ];
  const sysctl = sysctlSettings(ctx);
  return {
    site,
    files,
    sysctl,
    mtu,
    routing: routingAdvice(ctx),
    firewall: { backend: facts.firewallBackend, table, load, remove },
    commands: [
      ...sysctl.map((s) => `sysctl -w ${s.key}=${s.value}`),
      load,
      `wg-quick up ${site.interface}   (when it is already up: wg syncconf with the stripped file and its keys, then routes brought in step with AllowedIPs; the tunnel stays up)`,
      `systemctl enable wg-quick@${site.interface}   (where systemd runs)`,
    ],
    warnings,
    conflicts,
  };
}
