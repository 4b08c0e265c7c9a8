/**
 * The setup wizard's data: steps, fields, choices, events, effects and state. The machine itself is
 * in transition.ts; everything here is plain data, so the Ink screens can render and test it.
 */
import type { PeerJson, SiteFileJson } from '../pairing/site-from-pairing.js';
import type { RoutingOption } from '../site/model.js';

/** The wizard's steps, in order. */
export const STEPS = [
  'detect',
  'site',
  'keys',
  'far-site',
  'allowed-ips',
  'routing',
  'firewall',
  'review',
  'apply',
  'handoff',
] as const;

/** One step of the wizard. */
export type StepId = (typeof STEPS)[number];

/** A text field the admin can edit. The value is always the text as typed. */
export type FieldId =
  | 'interface'
  | 'name'
  | 'lanInterface'
  | 'lanAddress'
  | 'lanSubnets'
  | 'tunnelAddress'
  | 'listenPort'
  | 'ownEndpoint'
  | 'farName'
  | 'farPublicKey'
  | 'farEndpoint'
  | 'farTunnelAddress'
  | 'farSubnets'
  | 'keepalive'
  | 'allowedIps'
  | 'tcpPorts'
  | 'udpPorts'
  | 'mtu';

/** Where an error can be shown: a field, or one of the non-text parts of a step. */
export type ErrorSlot = FieldId | 'pairingCode' | 'importConfig' | 'keys' | 'routing' | 'apply';

/** What the host told us before the wizard started (gathered by the system layer). */
export interface WizardHostFacts {
  /** WireGuard interface to set up (default wg0). */
  interface?: string;
  /** The host name, proposed as the site name when it is a valid one. */
  hostname?: string;
  lanInterface?: string;
  /** This gateway's LAN address with prefix, e.g. 192.168.1.10/24. */
  lanAddress?: string;
  lanRouter?: string;
  uplinkInterface?: string;
  /**
   * Interfaces of the IPv4 and IPv6 default routes (the uplink): never proposed as the LAN, and
   * their subnets never offered as LAN subnets. `uplinkInterface` is counted even when absent here.
   */
  uplinkInterfaces?: string[];
  uplinkMtu?: number;
  /** The uplink's own address (no prefix); a private one means this side is behind NAT. */
  uplinkAddress?: string;
  /** Prefixes already routed on the host (CIDR), kept clear of the proposed tunnel subnet. */
  routes?: string[];
  /** Public key of an existing key file for the interface, offered as "keep". */
  existingPublicKey?: string;
  firewallBackend?: 'nft' | 'iptables';
}

/** The choices that are not text. */
export interface WizardChoices {
  /** Generate a new key, keep the existing key file, or take the PrivateKey of an imported config. */
  keys: 'generate' | 'keep' | 'imported';
  /** Use a preshared key with the far gateway. */
  presharedKey: boolean;
  /** Unset until the admin chooses. */
  routing: RoutingOption | undefined;
  /** What the far site may start toward this LAN: everything, or the listed ports. */
  firewall: 'all' | 'ports';
}

/** Where the preshared key written at apply time comes from. */
export type PresharedKeyRequest =
  | { path: string; source: 'generate' }
  | { path: string; source: 'pairing-code' | 'imported-config'; value: string };

/**
 * A side effect the machine asks its caller to perform. The caller reports back with an event.
 * Effects may carry a secret (a preshared key): never render or log them.
 */
export type WizardEffect =
  /** Generate a private key, keep it (never hand it to the machine), answer `key-generated`. */
  | { kind: 'generate-key'; interface: string }
  /**
   * Write the site file, the key file (0600) and the preshared key file (0600), then plan and
   * apply as `wg-site apply` does (planSite with `previousWgQuick`); answer `apply-done` or `apply-failed`.
   */
  | {
      kind: 'apply';
      interface: string;
      sitePath: string;
      siteFile: SiteFileJson;
      previousWgQuick: string | undefined;
      /** Which private key to install: the generated one, the existing key file, or the imported config's. */
      privateKey: 'generated' | 'existing' | 'imported-config';
      presharedKey: PresharedKeyRequest | undefined;
    };

/** Something that happened: the admin's input, or the result of an effect. */
export type WizardEvent =
  | { type: 'edit'; field: FieldId; value: string }
  | { type: 'next' }
  | { type: 'back' }
  /** Jump back to an earlier step (e.g. from review); never forward. */
  | { type: 'goto'; step: StepId }
  | { type: 'choose-keys'; value: WizardChoices['keys'] }
  | { type: 'set-preshared-key'; value: boolean }
  | { type: 'choose-routing'; value: RoutingOption }
  | { type: 'choose-firewall'; value: WizardChoices['firewall'] }
  | { type: 'paste-pairing-code'; text: string }
  /** The text of an existing wg-quick file, to prefill from and to keep comments and hooks of. */
  | { type: 'import-config'; text: string }
  | { type: 'key-generated'; publicKey: string }
  | { type: 'key-failed'; message: string }
  | { type: 'apply-done' }
  | { type: 'apply-failed'; message: string };

/**
 * The existing site file the wizard edits (see prefillFromSite). The wizard's forms edit the first
 * peer; the others are written back exactly as they were.
 */
export interface EditingSite {
  /** Where the site file is, e.g. /etc/wg-site/wg0.json. */
  path: string;
  /** Peers after the first, unchanged, in their order. */
  otherPeers: PeerJson[];
  /** The first peer's preshared key file as the site file names it, kept when a preshared key is used. */
  presharedKeyFile: string | undefined;
}

/** The whole wizard. Treat it as immutable; {@link transition} returns a new one. */
export interface WizardState {
  step: StepId;
  facts: WizardHostFacts;
  fields: Record<FieldId, string>;
  /** Error text per field: the core parser's message, or a cross-field problem found at `next`. */
  errors: Partial<Record<ErrorSlot, string>>;
  /** Fields the admin (or an import or paste) set; automatic proposals leave them alone. */
  touched: FieldId[];
  choices: WizardChoices;
  /** Public key of a key generated during this run. */
  generatedPublicKey: string | undefined;
  /** Public key of the PrivateKey found in an imported config. */
  importedPublicKey: string | undefined;
  /** An effect is running; `next` waits for its answer. */
  pending: 'generate-key' | 'apply' | undefined;
  /** Why `next` was refused, every problem of the steps so far; empty when it was not. */
  blockers: string[];
  /** Things to tell the admin (import warnings, pairing notes). */
  notices: string[];
  /** Effects requested by the last transition only; the caller performs them. */
  effects: WizardEffect[];
  /** The imported wg-quick file's text; apply passes it to planSite so comments and hooks survive. */
  previousWgQuick: string | undefined;
  /** A preshared key from a pairing code or an imported config. Never render it. */
  secretPresharedKey: { value: string; source: 'pairing-code' | 'imported-config' } | undefined;
  /** Set when the wizard edits an existing site file rather than setting up a bare gateway. */
  editing: EditingSite | undefined;
  /**
   * The far site was filled from the far gateway's pairing code: that gateway has its own site file
   * (with its own routing choice), so the hand-off offers it no file. Cleared by typing another far key.
   */
  farFromPairingCode: boolean;
  applied: boolean;
  /** True once the admin leaves the handoff step. */
  done: boolean;
}
