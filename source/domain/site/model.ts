import type { Cidr, InterfaceAddress, IpAddress } from '../cidr.js';
import type { Endpoint } from '../endpoint.js';

/** How LAN hosts get their far-site traffic to the gateway (domain brief §5). */
export type RoutingOption = 'default-router' | 'static-route' | 'masquerade';

/** What the far site may start toward this LAN: everything, or only the listed ports. */
export type FromRemote = 'all' | { tcp: number[]; udp: number[] };

/** One far site, with every value checked and parsed. */
export interface SitePeer {
  name: string;
  publicKey: string;
  endpoint: Endpoint | undefined;
  tunnelAddress: IpAddress;
  subnets: Cidr[];
  /** Seconds; undefined or 0 means off. */
  persistentKeepalive: number | undefined;
  presharedKeyFile: string | undefined;
}

/** A validated site file: one gateway's description, the single source of truth. */
export interface Site {
  interface: string;
  name: string;
  lan: { interface: string | undefined; address: InterfaceAddress | undefined; subnets: Cidr[] };
  tunnel: { address: InterfaceAddress; listenPort: number; mtu: number | undefined };
  routing: RoutingOption;
  firewall: { fromRemote: FromRemote };
  peers: SitePeer[];
}

/** Keys this gateway holds, so a peer entry can be refused when it repeats one of them. */
export interface OwnKeys {
  publicKey?: string;
  privateKey?: string;
}
