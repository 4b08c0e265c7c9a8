import { MAX_KEY_FILE_BYTES } from '../domain/input-limits.js';
import { withPrivateUmask } from '../system/private-umask.js';
import { parseKey, publicKeyOf, generatePrivateKey } from '../domain/keys.js';
import { keyFileProblem } from '../domain/checks/key-files.js';
import { parseInterfaceName } from '../domain/names.js';
import {
  type CommandArgs,
  type CommandIo,
  type CommandSpec,
  interfaceOption,
  type OptionSpec,
  stringValue,
} from './command.js';

/** The directory that holds `<interface>.key` unless `--dir` says otherwise. */
export const defaultKeyDir = '/etc/wireguard';

/** The `--dir` option of the commands that read or write the key file. */
export const keyDirOption: Record<string, OptionSpec> = {
  dir: { type: 'string', valueName: 'DIR', description: 'directory of the key file', default: defaultKeyDir },
};

/** Warn on stderr when the key file at PATH can be read or written by anyone but root (never fails). */
export async function warnKeyFileAccess(io: CommandIo, path: string): Promise<void> {
  const problem = keyFileProblem(path, 'private', await io.files.stat(path));
  if (problem) io.stderr(`wg-site: warning: ${problem.reason}; fix it: ${problem.fix}\n`);
}

/** `<dir>/<interface>.key` from the `--interface` and `--dir` options, with the name checked. */
export function keyFilePath(args: CommandArgs): { iface: string; path: string } {
  const iface = parseInterfaceName(stringValue(args, 'interface'), '--interface');
  return { iface, path: `${stringValue(args, 'dir').replace(/\/+$/, '')}/${iface}.key` };
}

export const keygenCommand: CommandSpec = {
  name: 'keygen',
  summary: "Create this gateway's private key (0600) unless it exists; print the public key",
  details: ['The private key is never printed. An existing key file is kept and its public key printed.'],
  options: {
    ...interfaceOption,
    ...keyDirOption,
  },
  async run(args, io) {
    const { path } = keyFilePath(args);
    const created = await withPrivateUmask(() =>
      io.files.createExclusive(path, `${generatePrivateKey()}\n`, 0o600),
    );
    const text = await io.files.read(path, MAX_KEY_FILE_BYTES);
    const privateKey = parseKey(text ?? '', path);
    io.stderr(created ? `wg-site: created ${path} (0600)\n` : `wg-site: kept the existing ${path}\n`);
    await warnKeyFileAccess(io, path);
    io.stdout(`${publicKeyOf(privateKey, path)}\n`);
    return 0;
  },
};
