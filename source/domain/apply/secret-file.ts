/**
 * Files holding a secret that wg-site names but does not write itself (a peer's preshared key file):
 * before apply hands such a path to `wg` as root, it must be a regular file of root's that nobody
 * else can read or change. Each refusal carries the command that fixes it.
 */

/** What is known about a path without reading it; a symbolic link is described, not followed. */
export interface FileFacts {
  kind: 'file' | 'directory' | 'symlink' | 'other';
  /** Permission bits, e.g. 0o600. */
  mode: number;
  /** Owner's user id. */
  uid: number;
}

/** Permission bits a secret file must not have: any access for group or others. */
const GROUP_OR_OTHERS = 0o077;

/**
 * Why the secret file at `path` may not be used, with the fix, or undefined when it is fine.
 * `use` names it in the message, e.g. `the preshared key of peer "beta" (peers[0].presharedKeyFile)`.
 */
export function secretFileProblem(
  path: string,
  file: FileFacts | undefined,
  use: string,
): string | undefined {
  if (file === undefined) {
    return `${path} does not exist, but ${use} names it. Create it as root: (umask 077; wg genpsk > ${path}), and give the far gateway the same key.`;
  }
  if (file.kind !== 'file') {
    const what =
      file.kind === 'symlink'
        ? 'a symbolic link'
        : file.kind === 'directory'
          ? 'a directory'
          : 'not a regular file';
    return `${path} (${use}) is ${what}; it must be a regular file holding the key. Put the key in a plain file and name that file.`;
  }
  const fixes: string[] = [];
  if (file.uid !== 0) fixes.push(`chown root:root ${path}`);
  if ((file.mode & GROUP_OR_OTHERS) !== 0) fixes.push(`chmod 600 ${path}`);
  if (fixes.length === 0) return undefined;
  const why = [
    ...(file.uid !== 0 ? [`is owned by uid ${file.uid}, not root`] : []),
    ...((file.mode & GROUP_OR_OTHERS) !== 0
      ? [`has mode 0${(file.mode & 0o7777).toString(8)}, open to group or others`]
      : []),
  ].join(' and ');
  return `${path} (${use}) ${why}; a secret must be readable by root alone. Run: ${fixes.join(' && ')}`;
}
