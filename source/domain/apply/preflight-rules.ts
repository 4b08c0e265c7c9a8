/**
 * Preflight: everything apply checks before it changes anything. The system layer gathers the facts;
 * this decides, and words every problem with its fix. All problems are reported at once.
 */
import type { IpAddress } from '../cidr.js';
import { findForeignBlocks, type FirewallRulesets, type ForeignBlock } from '../checks/foreign-firewall.js';
import { foreignBlockMessage, forwardNeedsOf } from '../checks/foreign-firewall-fix.js';
import { keyFileProblems, type KeyFileFact } from '../checks/key-files.js';
import type { PlanConflict } from '../plan/conflicts.js';
import { firewallTableName } from '../plan/context.js';
import type { Site } from '../site/model.js';
import type { UdpListener } from './listeners.js';
import { sshTakeover } from './ssh-guard.js';

/** What the host looks like, as far as apply cares. */
export interface PreflightFacts {
  /** Effective user id of the applying process. */
  uid: number;
  /** Which programs are on the PATH. */
  programs: { wg: boolean; wgQuick: boolean; wireguardGo: boolean; nft: boolean; iptables: boolean };
  /** /sys/module/wireguard exists or `modprobe -n wireguard` succeeds. */
  kernelModule: boolean;
  /** Firewall backend the plan uses. */
  backend: 'nft' | 'iptables';
  /** Bound UDP sockets. */
  listeners: UdpListener[];
  /** The port this interface listens on now, when it is up. */
  ownListenPort: number | undefined;
  /** The host's rulesets, read as the health checks read them; foreign hooks are found in them. */
  firewall: FirewallRulesets;
  /** The SSH client of this session, and the interface its route uses now. */
  sshClient: IpAddress | undefined;
  sshRouteDevice: string | undefined;
  /** The private key file and the preshared key files, with mode and owner. */
  keyFiles: KeyFileFact[];
  /** Settings of the existing wg-quick file that work against the plan (from the plan). */
  wgQuickConflicts: PlanConflict[];
}

/** One reason not to apply, with its fix in the message. */
export interface PreflightProblem {
  code:
    | 'not-root'
    | 'no-wg-tools'
    | 'no-wireguard'
    | 'no-firewall-tool'
    | 'backend-missing'
    | 'port-in-use'
    | 'foreign-firewall'
    | 'ssh-lockout'
    | 'key-file'
    | 'wg-quick-setting';
  message: string;
}

/** Options that relax preflight. */
export interface PreflightOptions {
  allowForeignFirewall: boolean;
  lanInterface: string;
}

function portProblems(site: Site, facts: PreflightFacts): PreflightProblem[] {
  const port = site.tunnel.listenPort;
  if (facts.ownListenPort === port) return [];
  const users = facts.listeners.filter((l) => l.port === port);
  if (users.length === 0) return [];
  const who = users
    .map((u) => (u.program ? `${u.program}${u.pid ? ` (pid ${u.pid})` : ''}` : `a socket on ${u.address}`))
    .filter((v, i, all) => all.indexOf(v) === i)
    .join(', ');
  return [
    {
      code: 'port-in-use',
      message:
        `UDP port ${port} is already in use by ${who}, not by ${site.interface}. ` +
        `Stop that program, or set another tunnel.listenPort in the site file (and the far side's endpoint).`,
    },
  ];
}

function toolProblems(facts: PreflightFacts): PreflightProblem[] {
  const out: PreflightProblem[] = [];
  const p = facts.programs;
  if (!p.wg || !p.wgQuick) {
    const missing = [!p.wg && 'wg', !p.wgQuick && 'wg-quick'].filter(Boolean).join(' and ');
    out.push({
      code: 'no-wg-tools',
      message: `${missing} not found. Install them: apt install wireguard-tools`,
    });
  }
  if (!facts.kernelModule && !p.wireguardGo) {
    out.push({
      code: 'no-wireguard',
      message:
        'Neither the wireguard kernel module nor wireguard-go is available. ' +
        'Use a kernel with the module (Linux 5.6 and later have it), or install the userspace one: apt install wireguard-go',
    });
  }
  if (!p.nft && !p.iptables) {
    out.push({
      code: 'no-firewall-tool',
      message: 'Neither nft nor iptables is installed. Install nftables: apt install nftables',
    });
  } else if (facts.backend === 'nft' && !p.nft) {
    out.push({
      code: 'backend-missing',
      message:
        'The firewall backend is nft but nft is not installed. Install it (apt install nftables) or use --backend iptables.',
    });
  } else if (facts.backend === 'iptables' && !p.iptables) {
    out.push({
      code: 'backend-missing',
      message:
        'The firewall backend is iptables but iptables is not installed. Install it (apt install iptables) or use --backend nft.',
    });
  }
  return out;
}

/** Key files others can read or write, and settings of the existing wg-quick file apply cannot work with. */
function fileProblems(facts: PreflightFacts): PreflightProblem[] {
  const out: PreflightProblem[] = [];
  for (const missing of facts.keyFiles.filter((f) => f.kind === 'preshared' && !f.stat)) {
    out.push({
      code: 'key-file',
      message: `The preshared key file ${missing.path} does not exist, but the site file names it. Create it as root: (umask 077; wg genpsk > ${missing.path}), and give the far gateway the same key.`,
    });
  }
  for (const problem of keyFileProblems(facts.keyFiles)) {
    out.push({
      code: 'key-file',
      message: `${problem.reason[0]!.toUpperCase()}${problem.reason.slice(1)}: someone other than root may hold it. Run: ${problem.fix}`,
    });
  }
  for (const conflict of facts.wgQuickConflicts.filter((c) => c.refuse)) {
    out.push({ code: 'wg-quick-setting', message: conflict.message });
  }
  return out;
}

function foreignBlocks(site: Site, facts: PreflightFacts): ForeignBlock[] {
  return findForeignBlocks(site.interface, firewallTableName(site.interface), facts.firewall);
}

/**
 * Things worth knowing that do not stop apply: a foreign hook that drops forwarded traffic but already
 * accepts some of the tunnel's (most likely the rules preflight suggested earlier).
 */
export function preflightNotes(site: Site, facts: PreflightFacts): string[] {
  return foreignBlocks(site, facts)
    .filter((b) => b.mentionsTunnel)
    .map(
      (b) =>
        `${b.where}: ${b.what}, but it already accepts ${site.interface} traffic; ` +
        `make sure it accepts both directions (LAN→tunnel, and tunnel→LAN at least for replies).`,
    );
}

/** Every problem found, in a stable order; empty means apply may go ahead. */
export function preflightProblems(
  site: Site,
  facts: PreflightFacts,
  options: PreflightOptions,
): PreflightProblem[] {
  const out: PreflightProblem[] = [];
  if (facts.uid !== 0) {
    out.push({
      code: 'not-root',
      message:
        'apply changes network settings and files under /etc: run it as root, e.g. sudo wg-site apply …',
    });
  }
  out.push(...toolProblems(facts), ...portProblems(site, facts), ...fileProblems(facts));
  if (!options.allowForeignFirewall) {
    const needs = forwardNeedsOf(site, options.lanInterface);
    for (const block of foreignBlocks(site, facts).filter((b) => !b.mentionsTunnel)) {
      out.push({
        code: 'foreign-firewall',
        message: `${foreignBlockMessage(block, needs)}\n  Then run apply again, or pass --allow-foreign-firewall if you have handled it another way.`,
      });
    }
  }
  for (const hit of sshTakeover(site, facts.sshClient, facts.sshRouteDevice)) {
    out.push({
      code: 'ssh-lockout',
      message:
        `Your SSH client ${facts.sshClient!.text} lies inside ${hit.cidr.text} (${hit.field}), which would be ` +
        `routed into ${site.interface}: this session would be cut off. Fix ${hit.field} in the site file so it ` +
        `does not cover ${facts.sshClient!.text}, or run apply from a console or from another address.`,
    });
  }
  return out;
}
