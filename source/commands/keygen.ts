import { parseKey, publicKeyOf, generatePrivateKey } from '../domain/keys.js';
import { parseInterfaceName } from '../domain/names.js';
import { type CommandSpec, interfaceOption, stringValue } from './command.js';

/** The directory that holds `<interface>.key` unless `--dir` says otherwise. */
export const defaultKeyDir = '/etc/wireguard';

export const keygenCommand: CommandSpec = {
  name: 'keygen',
  summary: "Create this gateway's private key (0600) unless it exists; print the public key",
  details: ['The private key is never printed. An existing key file is kept and its public key printed.'],
  options: {
    ...interfaceOption,
    dir: {
      type: 'string',
      valueName: 'DIR',
      description: 'directory of the key file',
      default: defaultKeyDir,
    },
  },
  async run(args, io) {
    const iface = parseInterfaceName(stringValue(args, 'interface'), '--interface');
    const path = `${stringValue(args, 'dir').replace(/\/+$/, '')}/${iface}.key`;
    const previousUmask = process.umask(0o077);
    let created: boolean;
    try {
      created = await io.files.createExclusive(path, `${generatePrivateKey()}\n`, 0o600);
    } finally {
      process.umask(previousUmask);
    }
    const text = await io.files.read(path);
    const privateKey = parseKey(text ?? '', path);
    io.stderr(created ? `wg-site: created ${path} (0600)\n` : `wg-site: kept the existing ${path}\n`);
    io.stdout(`${publicKeyOf(privateKey, path)}\n`);
    return 0;
  },
};
