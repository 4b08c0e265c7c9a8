import { join } from 'node:path';
import { pathsFor } from '../domain/plan/context.js';
import { planSite, type Plan } from '../domain/plan/plan.js';
import { summarizePlan } from '../domain/plan/summary.js';
import { parseInterfaceName } from '../domain/names.js';
import type { HostFacts } from '../domain/plan/context.js';
import { ValueRangeError } from '../domain/errors.js';
import { detectHostFacts } from '../system/host-facts.js';
import { type CommandArgs, type CommandIo, type CommandSpec, optionalString, UsageError } from './command.js';
import { loadSite } from './site-loading.js';

/** Options shared by commands that plan: which site file, and host facts to override detection. */
export const planOptions = {
  site: { type: 'string', valueName: 'FILE', description: 'the site file (JSON)' },
  backend: { type: 'string', valueName: 'nft|iptables', description: 'firewall backend (default: detected)' },
  'uplink-mtu': {
    type: 'string',
    valueName: 'N',
    description: 'uplink MTU to derive the tunnel MTU from (default: detected)',
  },
} as const;

/** Host facts, detected, with `--backend` and `--uplink-mtu` taking precedence. */
export async function hostFactsFor(
  args: CommandArgs,
  io: CommandIo,
  lanInterface?: string,
): Promise<HostFacts> {
  const detected = await detectHostFacts(io.runner, lanInterface === undefined ? {} : { lanInterface });
  const backend = optionalString(args, 'backend');
  if (backend !== undefined && backend !== 'nft' && backend !== 'iptables') {
    throw new UsageError(`--backend must be nft or iptables, not "${backend}"`);
  }
  const mtuText = optionalString(args, 'uplink-mtu');
  let uplinkMtu = detected.uplinkMtu;
  if (mtuText !== undefined) {
    uplinkMtu = Number(mtuText);
    if (!/^\d+$/.test(mtuText) || uplinkMtu < 1280 || uplinkMtu > 65535) {
      throw new ValueRangeError(
        '--uplink-mtu',
        `--uplink-mtu must be a whole number from 1280 to 65535, not "${mtuText}".`,
      );
    }
  }
  return {
    ...detected,
    ...(backend ? { firewallBackend: backend } : {}),
    ...(uplinkMtu !== undefined ? { uplinkMtu } : {}),
  };
}

/** Load, check and plan a site file against this host (the shared first half of plan and apply). */
export async function planFromArgs(
  args: CommandArgs,
  io: CommandIo,
  options: { fresh?: boolean } = {},
): Promise<Plan> {
  const sitePath = optionalString(args, 'site');
  if (!sitePath) throw new UsageError('--site FILE is required');
  const { site } = await loadSite(io, sitePath);
  parseInterfaceName(site.interface);
  const facts = await hostFactsFor(args, io, site.lan.interface);
  const previous = options.fresh ? undefined : await io.files.read(pathsFor(site.interface).wgQuick);
  return planSite(site, facts, previous);
}

/** The JSON form of a plan for scripts: no parsed internals, no secrets (plans never hold any). */
export function planJson(plan: Plan): unknown {
  return {
    site: plan.site.name,
    interface: plan.site.interface,
    mtu: plan.mtu,
    routing: plan.routing,
    firewall: plan.firewall,
    sysctl: plan.sysctl,
    files: plan.files.map((f) => ({
      path: f.path,
      mode: `0${f.mode.toString(8)}`,
      purpose: f.purpose,
      content: f.content,
    })),
    commands: plan.commands,
    warnings: plan.warnings,
    conflicts: plan.conflicts,
  };
}

export const planCommand: CommandSpec = {
  name: 'plan',
  summary: 'Check a site file and show every file and command it leads to (changes nothing)',
  details: [
    'With --out DIR the files are written below DIR at their full paths (DIR/etc/wireguard/wg0.conf, …).',
  ],
  options: {
    ...planOptions,
    out: { type: 'string', valueName: 'DIR', description: 'write the rendered files below DIR' },
    fresh: {
      type: 'boolean',
      description: 'ignore an existing wg-quick file (do not carry over its comments and hooks)',
    },
    json: { type: 'boolean', description: 'print the plan as JSON' },
  },
  async run(args, io) {
    const plan = await planFromArgs(args, io, { fresh: Boolean(args.values.fresh) });
    const out = optionalString(args, 'out');
    if (out !== undefined) {
      for (const file of plan.files)
        await io.files.writeAtomic(join(out, file.path), file.content, file.mode);
    }
    if (args.values.json) io.stdout(`${JSON.stringify(planJson(plan), null, 2)}\n`);
    else {
      io.stdout(summarizePlan(plan));
      if (out !== undefined) io.stdout(`\nWrote ${plan.files.length} files below ${out}.\n`);
    }
    return 0;
  },
};
