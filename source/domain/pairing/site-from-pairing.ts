/**
 * From a pairing code to site files: the peer entry this gateway adds for the far one, and the far
 * gateway's matching site file for admins who prefer to copy a file over pasting a code back.
 * Both are plain site-file JSON that `checkSite` (and so `wg-site plan/apply`) reads.
 */
import type { z } from 'zod';
import { parseInterfaceAddress } from '../cidr.js';
import type { FromRemote, RoutingOption } from '../site/model.js';
import type { siteSchema } from '../site/schema.js';
import type { PairingInfo } from './code.js';

/** A site file as written (the JSON the wizard and `wg-site pair` produce). */
export type SiteFileJson = z.input<typeof siteSchema>;
/** One entry of a site file's `peers`. */
export type PeerJson = SiteFileJson['peers'][number];

/** One gateway of a pair, as the other one sees it. */
export interface GatewayEnd {
  siteName: string;
  publicKey: string;
  /** `host:port` where it can be reached; absent when it only dials out. */
  endpoint?: string;
  /** Its tunnel address with prefix. */
  tunnelAddress: string;
  subnets: string[];
  listenPort: number;
}

/** Site-file values that are not part of either gateway's public description. */
export interface SiteFileOptions {
  interface?: string;
  routing: RoutingOption;
  lan?: { interface?: string; address?: string };
  mtu?: number;
  fromRemote?: FromRemote;
  /** Seconds; omitted (off) when undefined or 0. */
  persistentKeepalive?: number;
  presharedKeyFile?: string;
}

/** The keepalive proposed for a side: 25 s when it sits behind NAT or has no endpoint of its own. */
export const NAT_KEEPALIVE = 25;

/** Where wg-site keeps the preshared key this gateway shares with one peer. */
export function presharedKeyPath(iface: string, peerName: string): string {
  return `/etc/wireguard/${iface}-${peerName}.psk`;
}

/** The address part of `10.0.0.1/31` (a bare address is returned unchanged, normalised). */
function bareAddress(withPrefix: string): string {
  return parseInterfaceAddress(withPrefix, 'tunnelAddress').address.text;
}

/** The site file of `self` with `far` as its only peer. */
export function siteFileBetween(self: GatewayEnd, far: GatewayEnd, options: SiteFileOptions): SiteFileJson {
  const lan: SiteFileJson['lan'] = { subnets: [...self.subnets] };
  if (options.lan?.interface) lan.interface = options.lan.interface;
  if (options.lan?.address) lan.address = options.lan.address;
  const peer: PeerJson = {
    name: far.siteName,
    publicKey: far.publicKey,
    tunnelAddress: bareAddress(far.tunnelAddress),
    subnets: [...far.subnets],
  };
  if (far.endpoint !== undefined) peer.endpoint = far.endpoint;
  if (options.persistentKeepalive) peer.persistentKeepalive = options.persistentKeepalive;
  if (options.presharedKeyFile !== undefined) peer.presharedKeyFile = options.presharedKeyFile;
  return {
    interface: options.interface ?? 'wg0',
    name: self.siteName,
    lan,
    tunnel: {
      address: self.tunnelAddress,
      listenPort: self.listenPort,
      ...(options.mtu !== undefined ? { mtu: options.mtu } : {}),
    },
    routing: options.routing,
    firewall: { fromRemote: options.fromRemote ?? 'all' },
    peers: [peer],
  };
}

/** What this gateway knows about itself when it reads a far gateway's pairing code. */
export interface PairingLocalSide {
  siteName: string;
  publicKey: string;
  endpoint?: string;
  subnets: string[];
  listenPort: number;
  /** This gateway's WireGuard interface (default wg0). */
  interface?: string;
  /** True when this gateway's uplink address is private (it sits behind NAT). */
  behindNat?: boolean;
  /** Interface name and routing option to write into the far site file (defaults: wg0, masquerade). */
  farInterface?: string;
  farRouting?: RoutingOption;
}

/** The outcome of reading a pairing code against this gateway. */
export interface PairingResult {
  /** This gateway's tunnel address with prefix: the one the code asks it to take. */
  tunnelAddress: string;
  /** The entry for this gateway's site file `peers`. */
  peer: PeerJson;
  /** The far gateway's matching site file, with this gateway as its peer. */
  farSite: SiteFileJson;
  /** Things the admin should know (e.g. neither side can be dialled). */
  warnings: string[];
}

/** The far gateway described by a pairing code. */
export function gatewayFromPairing(info: PairingInfo): GatewayEnd {
  const end: GatewayEnd = {
    siteName: info.siteName,
    publicKey: info.publicKey,
    tunnelAddress: info.tunnelAddress,
    subnets: [...info.subnets],
    listenPort: info.listenPort,
  };
  if (info.endpoint !== undefined) end.endpoint = info.endpoint;
  return end;
}

/** Build the peer entry for the code's maker and the maker's matching site file. */
export function siteFromPairing(local: PairingLocalSide, info: PairingInfo): PairingResult {
  const far = gatewayFromPairing(info);
  const self: GatewayEnd = {
    siteName: local.siteName,
    publicKey: local.publicKey,
    tunnelAddress: info.peerTunnelAddress,
    subnets: [...local.subnets],
    listenPort: local.listenPort,
  };
  if (local.endpoint !== undefined) self.endpoint = local.endpoint;
  const psk = info.presharedKey !== undefined;
  const iface = local.interface ?? 'wg0';
  const farIface = local.farInterface ?? 'wg0';
  const ownFile = siteFileBetween(self, far, {
    interface: iface,
    routing: 'masquerade',
    ...(local.behindNat || self.endpoint === undefined ? { persistentKeepalive: NAT_KEEPALIVE } : {}),
    ...(psk ? { presharedKeyFile: presharedKeyPath(iface, far.siteName) } : {}),
  });
  const farSite = siteFileBetween(far, self, {
    interface: farIface,
    routing: local.farRouting ?? 'masquerade',
    ...(far.endpoint === undefined ? { persistentKeepalive: NAT_KEEPALIVE } : {}),
    ...(psk ? { presharedKeyFile: presharedKeyPath(farIface, self.siteName) } : {}),
  });
  const warnings: string[] = [];
  if (far.endpoint === undefined && self.endpoint === undefined) {
    warnings.push(
      `Neither gateway has an endpoint, so neither can dial the other: give one of them a public address or port-forward (host:port), or put a hub on a VPS.`,
    );
  }
  if (local.farRouting === undefined) {
    warnings.push(
      `The far site file uses routing "masquerade", which works without touching the far LAN's router; the far admin should choose the option that fits that LAN.`,
    );
  }
  return { tunnelAddress: info.peerTunnelAddress, peer: ownFile.peers[0]!, farSite, warnings };
}
