// A healthy gateway's facts for the check tests; each case changes one thing.
import { renderNftRuleset } from '../../../source/domain/plan/nft.js';
import { planContext } from '../../../source/domain/plan/plan.js';
import { parseSite } from '../../../source/domain/site/validate.js';
import type { CheckFacts } from '../../../source/domain/checks/types.js';
import type { NftRuleset } from '../../../source/domain/checks/nft-json.js';
import type { PeerSample } from '../../../source/domain/status/types.js';

export const NOW = 1_800_000_000_000;
export const FAR_KEY = 'pKFxrxbjT29B4tMLv/o3834IphAAcTR9dYsHJn4Z23s=';
export const OTHER_KEY = 'dLv6ieFDV7D1iO226LhbXLn95Gw91jroa1ZpOWb5B3E=';

export function siteInput(routing = 'masquerade') {
  return {
    interface: 'wg0',
    name: 'site-a',
    lan: { interface: 'eth-lan', address: '192.168.11.2/24', subnets: ['192.168.11.0/24'] },
    tunnel: { address: '10.99.0.0/31', listenPort: 51820 },
    routing,
    firewall: { fromRemote: 'all' },
    peers: [
      {
        name: 'site-b',
        publicKey: FAR_KEY,
        endpoint: '198.51.100.2:51820',
        tunnelAddress: '10.99.0.1',
        subnets: ['192.168.12.0/24'],
        persistentKeepalive: 25,
      },
    ],
  };
}

export function peer(over: Partial<PeerSample> = {}): PeerSample {
  return {
    publicKey: FAR_KEY,
    hasPresharedKey: false,
    endpoint: '198.51.100.2:51820',
    allowedIps: ['10.99.0.1/32', '192.168.12.0/24'],
    latestHandshake: NOW / 1000 - 20,
    rxBytes: 1000,
    txBytes: 2000,
    persistentKeepalive: 25,
    ...over,
  };
}

/** Our table as nft -j would show it after loading the planned ruleset (masquerade routing). */
export function ownRuleset(masquerade = true): NftRuleset {
  const rule = (o: Partial<{ masquerade: boolean; interfaces: string[] }> = {}) => ({
    verdicts: ['accept'],
    masquerade: o.masquerade ?? false,
    interfaces: o.interfaces ?? ['wg0'],
    unconditional: false,
  });
  const chain = (name: string, hook: string, n: number, type = 'filter') => ({
    family: 'inet',
    table: 'wg_site_wg0',
    name,
    type,
    hook,
    policy: 'accept',
    rules: Array.from({ length: n }, () => rule()),
  });
  const chains = [chain('input', 'input', 5), chain('forward', 'forward', 6)];
  if (masquerade)
    chains.push({ ...chain('postrouting', 'postrouting', 0, 'nat'), rules: [rule({ masquerade: true })] });
  return { tables: [{ family: 'inet', name: 'wg_site_wg0' }], chains };
}

/** All checks pass on these facts (the clock is synchronised). */
export function healthy(routing = 'masquerade'): CheckFacts {
  const site = parseSite(siteInput(routing));
  return {
    iface: 'wg0',
    now: NOW,
    site,
    siteProblem: undefined,
    device: {
      interface: {
        publicKey: 'zd9Y3purPIprkx+3xs0A3Q2sCE4xmI2Ud+qaCOX2vVE=',
        listenPort: 51820,
        fwmark: undefined,
      },
      peers: [peer()],
    },
    deviceProblem: undefined,
    links: [
      { name: 'wg0', up: true, mtu: 1420, addresses: ['10.99.0.0/31'] },
      { name: 'eth-lan', up: true, mtu: 1500, addresses: ['192.168.11.2/24'] },
    ],
    routes: [
      { dst: '10.99.0.0/31', dev: 'wg0', table: 'main', type: 'unicast', metric: 0 },
      { dst: '192.168.12.0/24', dev: 'wg0', table: 'main', type: 'unicast', metric: 0 },
      { dst: '192.168.11.0/24', dev: 'eth-lan', table: 'main', type: 'unicast', metric: 0 },
      { dst: 'default', dev: 'eth-wan', table: 'main', type: 'unicast', metric: 0 },
      { dst: '192.168.11.2/32', dev: 'eth-lan', table: 'local', type: 'local', metric: 0 },
    ],
    sysctl: { ipv4Forward: '1', ipv6Forward: '0', rpFilter: { all: 0, wg0: 0, 'eth-lan': 2 } },
    sysctlFile: '# x\nnet.ipv4.ip_forward = 1\n',
    nft: ownRuleset(routing === 'masquerade'),
    nftProblem: undefined,
    expectedNft: renderNftRuleset(planContext(site, { firewallBackend: 'nft' })),
    legacy: undefined,
    clock: { synced: true, source: 'timedatectl' },
    evidence: { [FAR_KEY]: { rxBytes: 1000, txBytes: 2000, rxSeenAt: NOW - 3000, txAtRxSeen: 1900 } },
    mtu: [{ publicKey: FAR_KEY, target: '10.99.0.1', tunnelMtu: 1420, smallOk: true, fullOk: true }],
    keyFiles: [
      {
        path: '/etc/wireguard/wg0.key',
        kind: 'private',
        stat: { mode: 0o600, uid: 0, gid: 0, regular: true },
      },
    ],
  };
}
