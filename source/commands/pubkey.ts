import { InputError } from '../domain/errors.js';
import { MAX_KEY_FILE_BYTES } from '../domain/input-limits.js';
import { parseKey, publicKeyOf } from '../domain/keys.js';
import { type CommandSpec, interfaceOption } from './command.js';
import { keyDirOption, keyFilePath, warnKeyFileAccess } from './keygen.js';

export const pubkeyCommand: CommandSpec = {
  name: 'pubkey',
  summary: "Print this gateway's public key (from its key file, or a private key on stdin with --stdin)",
  options: {
    ...interfaceOption,
    ...keyDirOption,
    stdin: { type: 'boolean', description: 'read a private key from standard input, like `wg pubkey`' },
  },
  async run(args, io) {
    if (args.values.stdin) {
      io.stdout(`${publicKeyOf(parseKey(await io.readStdin(MAX_KEY_FILE_BYTES), 'stdin'), 'stdin')}\n`);
      return 0;
    }
    const { iface, path } = keyFilePath(args);
    const text = await io.files.read(path, MAX_KEY_FILE_BYTES);
    if (text === undefined)
      throw new InputError(
        path,
        `${path} does not exist; create it with \`wg-site keygen --interface ${iface}\`.`,
      );
    io.stdout(`${publicKeyOf(parseKey(text, path), path)}\n`);
    await warnKeyFileAccess(io, path);
    return 0;
  },
};
