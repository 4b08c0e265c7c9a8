/**
 * Reading the host's firewall rulesets, for the health checks and the apply preflight alike:
 * one `nft -j list ruleset`; `iptables-legacy-save` only where legacy tables are loaded
 * (/proc/net/ip_tables_names is non-empty: listing them otherwise would load the module) and the
 * binary exists; and, on request, `iptables-save` when nft itself could not list the ruleset (a host
 * with iptables-nft but without the nft binary). Never fails: what cannot be read is left undefined.
 */
import type { FirewallRulesets } from '../../domain/checks/foreign-firewall.js';
import { parseIptablesSave, type IptablesSave } from '../../domain/checks/iptables-save.js';
import { parseNftJson, type NftRuleset } from '../../domain/checks/nft-json.js';
import type { CommandRunner } from '../command-runner.js';
import type { FileStore } from '../file-store.js';

const SBIN = ['/usr/sbin', '/sbin', '/usr/bin', '/bin'];

/** The full path of program NAME in the usual system directories, found without spawning anything. */
export async function findProgram(files: FileStore, name: string): Promise<string | undefined> {
  for (const dir of SBIN) if (await files.exists(`${dir}/${name}`)) return `${dir}/${name}`;
  return undefined;
}

/** Run a command; its stdout, or why it failed. */
export async function runText(
  runner: CommandRunner,
  file: string,
  args: string[],
): Promise<{ text?: string; problem?: string }> {
  const r = await runner.run(file, args, { timeoutMs: 5000 });
  if (r.exitCode === 0) return { text: r.stdout };
  return { problem: `${file} ${args.join(' ')}: ${r.stderr.trim() || `exit code ${r.exitCode}`}` };
}

/** Parse TEXT, or undefined when there is none or it does not parse. */
export function attempt<T>(text: string | undefined, parse: (t: string) => T): T | undefined {
  if (text === undefined) return undefined;
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

/** The rulesets, and why nft's could not be read. */
export interface GatheredRulesets extends FirewallRulesets {
  readonly nftProblem: string | undefined;
}

/** Read the rulesets. `iptablesFallback`: also run `iptables-save` when nft cannot list the ruleset. */
export async function gatherFirewallRulesets(
  runner: CommandRunner,
  files: FileStore,
  options: { iptablesFallback?: boolean } = {},
): Promise<GatheredRulesets> {
  const legacyRun = files
    .read('/proc/net/ip_tables_names')
    .then(
      (names) => names?.trim(),
      () => undefined,
    )
    .then((names) => (names ? findProgram(files, 'iptables-legacy-save') : undefined))
    .then((path): Promise<{ text?: string; problem?: string }> =>
      path ? runText(runner, path, []) : Promise.resolve({}),
    );
  const [nftOut, legacyOut] = await Promise.all([
    runText(runner, 'nft', ['-j', 'list', 'ruleset']),
    legacyRun,
  ]);
  const nft: NftRuleset | undefined = attempt(nftOut.text, parseNftJson);
  let legacy: IptablesSave | undefined = attempt(legacyOut.text, parseIptablesSave);
  let iptables: IptablesSave | undefined;
  if (!nft && options.iptablesFallback) {
    const path = await findProgram(files, 'iptables-save');
    const save = path ? attempt((await runText(runner, path, [])).text, parseIptablesSave) : undefined;
    // On a legacy-only host `iptables-save` is the legacy one: it is no view of nf_tables.
    if (save?.backend === 'legacy') legacy ??= save;
    else iptables = save;
  }
  return {
    nft,
    nftProblem: nft ? undefined : (nftOut.problem ?? 'unreadable output'),
    legacy,
    ...(iptables ? { iptables } : {}),
  };
}
