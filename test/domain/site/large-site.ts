/** A site file with many peers, for the limits and timing tests. */
import { createHash } from 'node:crypto';

/** A distinct, well-formed public key for peer I (32 hashed bytes: any 32 bytes is a point's encoding). */
export function peerKey(i: number): string {
  return createHash('sha256').update(`peer ${i}`).digest('base64');
}

/**
 * Site-file JSON with `peers` peers in one /22 tunnel subnet, each with `subnetsPerPeer` far /24s
 * taken in order from 172.16.0.0/12.
 */
export function largeSiteText(peers: number, subnetsPerPeer = 2): string {
  let next = 0;
  const subnet = (): string => {
    const n = next++;
    return `172.${16 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}/32`;
  };
  return JSON.stringify({
    interface: 'wg0',
    name: 'hub',
    lan: { interface: 'eth1', address: '192.168.1.1/24', subnets: ['192.168.1.0/24'] },
    tunnel: { address: '10.255.0.1/22', listenPort: 51820 },
    routing: 'default-router',
    firewall: { fromRemote: { tcp: [22, 443], udp: [53] } },
    peers: Array.from({ length: peers }, (_, i) => ({
      name: `site${i}`,
      publicKey: peerKey(i),
      endpoint: `site${i}.example.net:51820`,
      tunnelAddress: `10.255.${(i + 2) >> 8}.${(i + 2) & 255}`,
      subnets: Array.from({ length: subnetsPerPeer }, subnet),
      persistentKeepalive: 25,
    })),
  });
}
