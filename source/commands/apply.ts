import { pathsFor } from '../domain/plan/context.js';
import { InputError, InputProblems, ValueRangeError } from '../domain/errors.js';
import { applySite } from '../system/apply/apply-site.js';
import { systemApplyDeps } from '../system/apply/deps.js';
import { systemWakeDeps, wakeAndTell } from '../system/apply/wake.js';
import { type CommandSpec, optionalString, UsageError } from './command.js';
import { factOverrides, planOptions } from './plan.js';
import { readSiteFile } from './site-loading.js';

/**
 * `--confirm-timeout`: whole seconds from `min` to 86400. The wizard asks for a higher minimum than
 * apply, since a person has to read the tunnel state before the confirm prompt arms.
 */
export function confirmTimeoutOf(text: string, min = 1): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > 86_400) {
    throw new ValueRangeError(
      '--confirm-timeout',
      `--confirm-timeout must be whole seconds from ${min} to 86400, not "${text}".`,
    );
  }
  return value;
}

/** The command a person types to confirm a trial of IFACE. */
export function confirmHint(iface: string): string {
  return iface === 'wg0' ? 'wg-site confirm' : `wg-site confirm --interface ${iface}`;
}

export const applyCommand: CommandSpec = {
  name: 'apply',
  summary: 'Apply a site file to this gateway, as a trial that reverts unless confirmed',
  details: [
    'Checks the host first (root, tools, port, other firewalls, your SSH route) and changes nothing when',
    'something is wrong. Then backs up everything it replaces to /var/lib/wg-site/backups/, writes the files,',
    'enables forwarding, loads the firewall table and brings the interface up (or syncs it when it is up).',
    'By default this is a trial: unless `wg-site confirm` arrives within --confirm-timeout seconds, everything',
    'reverts by itself, even when this SSH session dies. --yes applies for good (for scripts).',
    'Any failing step undoes the ones before it.',
  ],
  options: {
    ...planOptions,
    yes: { type: 'boolean', short: 'y', description: 'apply for good, without a trial' },
    'confirm-timeout': {
      type: 'string',
      valueName: 'SECONDS',
      description: 'seconds to confirm a trial before it reverts',
      default: '60',
    },
    'allow-foreign-firewall': {
      type: 'boolean',
      description: 'apply although other firewall rules would drop forwarded traffic',
    },
    json: { type: 'boolean', description: 'print the result as JSON' },
  },
  async run(args, io) {
    const json = Boolean(args.values.json);
    const trialSeconds = args.values.yes
      ? undefined
      : confirmTimeoutOf(optionalString(args, 'confirm-timeout') ?? '60');
    const sitePath = optionalString(args, 'site');
    if (!sitePath) throw new UsageError('--site FILE is required');
    const { text: siteText, iface: declared } = await readSiteFile(io, sitePath);
    const log = json ? io.stderr : io.stdout;
    const deps = systemApplyDeps(io, (text) => log(text));
    const outcome = await applySite(deps, {
      interface: declared,
      siteText,
      overrides: factOverrides(args),
      trialSeconds,
      allowForeignFirewall: Boolean(args.values['allow-foreign-firewall']),
    });
    const iface = declared;
    if (outcome.status === 'invalid')
      throw new InputProblems(outcome.problems.map((p) => new InputError(p.field, p.message)));
    if (outcome.status === 'busy') {
      if (json)
        io.stdout(`${JSON.stringify({ status: 'busy', interface: iface, error: outcome.message })}\n`);
      io.stderr(`wg-site apply: ${outcome.message}\n`);
      return outcome.exitCode;
    }
    if (outcome.status === 'refused') {
      for (const note of outcome.notes) io.stderr(`wg-site apply: note: ${note}\n`);
      if (json)
        io.stdout(
          `${JSON.stringify({ status: 'refused', interface: iface, problems: outcome.problems }, null, 2)}\n`,
        );
      io.stderr(`wg-site apply: nothing was changed; fix these first:\n`);
      for (const p of outcome.problems) io.stderr(`  - ${p.message}\n`);
      return outcome.exitCode;
    }
    if (outcome.status === 'failed') {
      if (json) {
        const { status, step, message: error, restored, undoProblems } = outcome;
        io.stdout(
          `${JSON.stringify({ status, interface: iface, step, error, restored, undoProblems }, null, 2)}\n`,
        );
      }
      io.stderr(`wg-site apply: ${outcome.message}\n`);
      io.stderr(
        outcome.restored
          ? 'Everything was put back as it was.\n'
          : `Undo met problems:\n  ${outcome.undoProblems.join('\n  ')}\n`,
      );
      return outcome.exitCode;
    }
    for (const note of outcome.notes) io.stderr(`wg-site apply: note: ${note}\n`);
    const { plan, result } = outcome;
    const { manifest, trial } = result;
    if (json) {
      io.stdout(
        `${JSON.stringify(
          {
            status: trial ? 'trial' : 'applied',
            interface: iface,
            site: plan.site.name,
            backup: manifest.id,
            steps: result.steps,
            recovered: result.recovered ?? null,
            files: manifest.files.map((f) => f.path),
            trial: trial
              ? {
                  deadline: new Date(trial.deadline).toISOString(),
                  timeoutSeconds: trial.timeoutSeconds,
                  watchdog: trial.watchdog,
                  confirm: confirmHint(iface),
                }
              : null,
          },
          null,
          2,
        )}\n`,
      );
    } else if (trial) {
      io.stdout(
        `Trial applied. Run \`${confirmHint(iface)}\` within ${trial.timeoutSeconds} s or everything reverts.\n`,
      );
    } else {
      io.stdout(
        `Applied ${plan.site.name} to ${iface}. Backup: ${manifest.id} (undo with \`wg-site rollback\`). Site file kept as ${pathsFor(iface).site}.\n`,
      );
    }
    // A trial is only worth keeping when the far side answers: wake the tunnel and say whether it did.
    if (trial) await wakeAndTell(systemWakeDeps(io.runner), plan.site, trial.timeoutSeconds, log);
    return 0;
  },
};
