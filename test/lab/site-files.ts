// Site files for the lab's two gateways, so tests and the demo configure them the way a user would.
// Run directly to print one: node --import tsx test/lab/site-files.ts A|B ROUTING FAR_PUBLIC_KEY
import { pathToFileURL } from 'node:url';
import type { SiteInput } from '../../source/domain/site/schema.js';
import type { RoutingOption } from '../../source/domain/site/model.js';
import { LAB_ADDR, type LabSite } from './lab.js';

/** The tunnel /31 between the lab's gateways: gwA holds .0, gwB holds .1. */
export const LAB_TUNNEL = { net: '10.99.0.0/31', gwA: '10.99.0.0', gwB: '10.99.0.1', port: 51820 } as const;

/** Where the tests and the demo put the site file inside a gateway (its private /etc/wg-site). */
export const LAB_SITE_PATH = '/etc/wg-site/lab-site.json';

const SITES = {
  A: {
    name: 'site-a',
    lanAddress: `${LAB_ADDR.gwALan}/24`,
    lan: LAB_ADDR.lanA,
    tunnel: LAB_TUNNEL.gwA,
    wan: LAB_ADDR.gwAWan,
  },
  B: {
    name: 'site-b',
    lanAddress: `${LAB_ADDR.gwBLan}/24`,
    lan: LAB_ADDR.lanB,
    tunnel: LAB_TUNNEL.gwB,
    wan: LAB_ADDR.gwBWan,
  },
} as const;

/**
 * The site file of SITE's gateway: its LAN on `eth-lan`, the tunnel /31 {@link LAB_TUNNEL}, ROUTING,
 * everything allowed from the far site, and the other gateway (public key FARPUBLICKEY) as its one peer.
 */
export function labSiteFile(site: LabSite, routing: RoutingOption, farPublicKey: string): SiteInput {
  const self = SITES[site];
  const far = SITES[site === 'A' ? 'B' : 'A'];
  return {
    interface: 'wg0',
    name: self.name,
    lan: { interface: 'eth-lan', address: self.lanAddress, subnets: [self.lan] },
    tunnel: { address: `${self.tunnel}/31`, listenPort: LAB_TUNNEL.port },
    routing,
    firewall: { fromRemote: 'all' },
    peers: [
      {
        name: far.name,
        publicKey: farPublicKey,
        endpoint: `${far.wan}:${LAB_TUNNEL.port}`,
        tunnelAddress: far.tunnel,
        subnets: [far.lan],
      },
    ],
  };
}

/** {@link labSiteFile} as the JSON text written to disk. */
export function labSiteFileText(site: LabSite, routing: RoutingOption, farPublicKey: string): string {
  return `${JSON.stringify(labSiteFile(site, routing, farPublicKey), null, 2)}\n`;
}

const ROUTINGS: readonly RoutingOption[] = ['default-router', 'static-route', 'masquerade'];

function cli(argv: string[]): number {
  const [site, routing, key] = argv;
  if ((site !== 'A' && site !== 'B') || !ROUTINGS.includes(routing as RoutingOption) || !key) {
    process.stderr.write(`usage: site-files.ts A|B ${ROUTINGS.join('|')} FAR_PUBLIC_KEY\n`);
    return 2;
  }
  process.stdout.write(labSiteFileText(site, routing as RoutingOption, key));
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = cli(process.argv.slice(2));
}
