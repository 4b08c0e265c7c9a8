import { join } from 'node:path';
import type { Plan } from '../domain/plan/plan.js';
import { summarizePlan } from '../domain/plan/summary.js';
import { ValueRangeError } from '../domain/errors.js';
import { planOnHost, type FactOverrides } from '../system/apply/plan-on-host.js';
import { type CommandArgs, type CommandIo, type CommandSpec, optionalString, UsageError } from './command.js';
import { readSiteText } from './site-loading.js';

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

/** The host facts a person set with `--backend` and `--uplink-mtu`. */
export function factOverrides(args: CommandArgs): FactOverrides {
  const backend = optionalString(args, 'backend');
  if (backend !== undefined && backend !== 'nft' && backend !== 'iptables') {
    throw new UsageError(`--backend must be nft or iptables, not "${backend}"`);
  }
  const mtuText = optionalString(args, 'uplink-mtu');
  const uplinkMtu = mtuText === undefined ? undefined : Number(mtuText);
  if (mtuText !== undefined && (!/^\d+$/.test(mtuText) || uplinkMtu! < 1280 || uplinkMtu! > 65535)) {
    throw new ValueRangeError(
      '--uplink-mtu',
      `--uplink-mtu must be a whole number from 1280 to 65535, not "${mtuText}".`,
    );
  }
  return {
    ...(backend ? { firewallBackend: backend } : {}),
    ...(uplinkMtu !== undefined ? { uplinkMtu } : {}),
  };
}

/** Load, check and plan a site file against this host (what `plan` shows and the panel's restart applies). */
export async function planFromArgs(
  args: CommandArgs,
  io: CommandIo,
  options: { fresh?: boolean } = {},
): Promise<Plan> {
  const sitePath = optionalString(args, 'site');
  if (!sitePath) throw new UsageError('--site FILE is required');
  const siteText = await readSiteText(io, sitePath);
  const overrides = factOverrides(args);
  return (await planOnHost(io, { siteText, overrides, fresh: Boolean(options.fresh) })).plan;
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
