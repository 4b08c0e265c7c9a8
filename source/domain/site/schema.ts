import { z } from 'zod';
import { MAX_PEERS, MAX_PORTS, MAX_SUBNETS } from '../input-limits.js';

/**
 * The shape of a site file: one gateway's description, the single source of truth from which
 * every file and rule is planned. Field names are a public interface: extend, never rename.
 * Values are checked here only for type and shape; {@link validateSite} checks their meaning.
 */
const port = z.number().int().meta({ description: 'A UDP or TCP port, 1–65535.' });

export const peerSchema = z
  .object({
    name: z.string().meta({ description: 'The far site, e.g. "beta". Letters, digits, _ . - (1–32).' }),
    publicKey: z.string().meta({ description: "The far gateway's public key (44 characters, base64)." }),
    endpoint: z
      .string()
      .optional()
      .meta({ description: 'host:port, a.b.c.d:port or [v6]:port. Omit when the far side dials in.' }),
    tunnelAddress: z.string().meta({ description: "The far gateway's address inside the tunnel subnet." }),
    subnets: z
      .array(z.string())
      .max(MAX_SUBNETS)
      .meta({ description: `The far site's LAN subnets (CIDR), at most ${MAX_SUBNETS}.` }),
    persistentKeepalive: z
      .number()
      .int()
      .optional()
      .meta({ description: 'Seconds between keepalives (1–65535); 25 on the side behind NAT.' }),
    presharedKeyFile: z
      .string()
      .optional()
      .meta({ description: 'Absolute path of a 0600 file holding the preshared key shared with this peer.' }),
  })
  .strict();

export const siteSchema = z
  .object({
    $schema: z.string().optional(),
    interface: z
      .string()
      .default('wg0')
      .meta({ description: 'WireGuard interface name, 1–15 characters of a-z A-Z 0-9 _ = + . -' }),
    name: z.string().meta({ description: 'This site, e.g. "alpha".' }),
    lan: z
      .object({
        interface: z
          .string()
          .optional()
          .meta({ description: 'The LAN interface. Detected from the host when absent.' }),
        address: z
          .string()
          .optional()
          .meta({ description: "This gateway's LAN address with prefix, e.g. 192.168.1.10/24." }),
        subnets: z
          .array(z.string())
          .min(1)
          .max(MAX_SUBNETS)
          .meta({ description: `This site's LAN subnets (CIDR), at most ${MAX_SUBNETS}.` }),
      })
      .strict(),
    tunnel: z
      .object({
        address: z
          .string()
          .meta({ description: "This gateway's tunnel address with prefix, e.g. 10.0.0.1/31." }),
        listenPort: port.default(51820),
        mtu: z
          .number()
          .int()
          .optional()
          .meta({ description: 'Tunnel MTU (1280–9000 for IPv6, 576–9000 IPv4 only). Derived when absent.' }),
      })
      .strict(),
    routing: z.enum(['default-router', 'static-route', 'masquerade']).meta({
      description:
        'How LAN hosts reach the gateway: it is their default router, a static route on their router, or masquerade.',
    }),
    firewall: z
      .object({
        fromRemote: z.union([
          z.literal('all'),
          z
            .object({
              tcp: z.array(port).max(MAX_PORTS).default([]),
              udp: z.array(port).max(MAX_PORTS).default([]),
            })
            .strict(),
        ]),
      })
      .strict()
      .default({ fromRemote: 'all' }),
    peers: z
      .array(peerSchema)
      .min(1)
      .max(MAX_PEERS)
      .meta({ description: `The far sites this gateway talks to (at most ${MAX_PEERS}).` }),
  })
  .strict();

/** A site file as written (after defaults), before its values are checked. */
export type SiteInput = z.output<typeof siteSchema>;

/** The JSON Schema of the site file, generated from the same zod schema. */
export function siteJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(siteSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
}
