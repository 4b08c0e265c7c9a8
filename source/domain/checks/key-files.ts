/**
 * Key files must be root's alone: a private or preshared key that anyone else can read (or replace)
 * is a key someone else may hold. One rule, used by `check`, apply's preflight, keygen and pubkey.
 */
import { pathsFor } from '../plan/context.js';
import type { Site } from '../site/model.js';
import { result } from './common.js';
import type { CheckResult } from './types.js';

/** Mode, owner and type of a file, as stat(2) tells them (symlinks followed). */
export interface FileStat {
  /** Permission bits, e.g. 0o600. */
  mode: number;
  uid: number;
  gid: number;
  /** A regular file (not a directory, FIFO, device…). */
  regular: boolean;
}

/** One key file wg-site uses and what stat said about it (undefined: it does not exist). */
export interface KeyFileFact {
  path: string;
  kind: 'private' | 'preshared';
  stat: FileStat | undefined;
}

/** What is wrong with a key file, and the exact commands that repair it. */
export interface KeyFileProblem {
  path: string;
  reason: string;
  fix: string;
}

/** The key files a site uses: the interface's private key and every peer's preshared key file. */
export function keyFilePaths(site: Pick<Site, 'interface' | 'peers'>): Omit<KeyFileFact, 'stat'>[] {
  return [
    { path: pathsFor(site.interface).privateKey, kind: 'private' },
    ...site.peers.flatMap((peer) =>
      peer.presharedKeyFile ? [{ path: peer.presharedKeyFile, kind: 'preshared' as const }] : [],
    ),
  ];
}

/**
 * The problem with one existing key file, or undefined when only root can read and write it: it must
 * be a regular file owned by root with no group or other permissions. A missing file is no problem here.
 */
export function keyFileProblem(
  path: string,
  kind: KeyFileFact['kind'],
  stat: FileStat | undefined,
): KeyFileProblem | undefined {
  if (!stat) return undefined;
  const what = kind === 'private' ? 'private key' : 'preshared key';
  if (!stat.regular) {
    return {
      path,
      reason: `the ${what} ${path} is not a regular file`,
      fix: `replace ${path} with a regular file owned by root, mode 0600`,
    };
  }
  const problems: string[] = [];
  const fixes: string[] = [];
  if (stat.uid !== 0) {
    problems.push(`owned by uid ${stat.uid}, not root`);
    fixes.push(`chown root:root ${path}`);
  }
  if ((stat.mode & 0o077) !== 0) {
    problems.push(`mode 0${stat.mode.toString(8).padStart(3, '0')}, which lets group or others at it`);
    fixes.push(`chmod 600 ${path}`);
  }
  if (problems.length === 0) return undefined;
  return { path, reason: `the ${what} ${path} is ${problems.join(' and ')}`, fix: fixes.join(' && ') };
}

/** Every problem among FACTS, in order. */
export function keyFileProblems(facts: readonly KeyFileFact[]): KeyFileProblem[] {
  return facts.flatMap((f) => {
    const problem = keyFileProblem(f.path, f.kind, f.stat);
    return problem ? [problem] : [];
  });
}

/** `check`: fails when a key file can be read or written by anyone but root. */
export function keyFilesCheck(facts: { keyFiles: readonly KeyFileFact[] | undefined }): CheckResult {
  const title = 'Key files readable by root only';
  if (facts.keyFiles === undefined)
    return result('key-files', title, 'warn', 'cannot tell which key files the site uses');
  const problems = keyFileProblems(facts.keyFiles);
  if (problems.length > 0) {
    return result(
      'key-files',
      title,
      'fail',
      problems.map((p) => p.reason).join('; '),
      problems.map((p) => p.fix).join(' && '),
    );
  }
  const present = facts.keyFiles.filter((f) => f.stat).map((f) => f.path);
  return result(
    'key-files',
    title,
    'pass',
    present.length ? `${present.join(', ')}: root only` : 'no key file yet',
  );
}
