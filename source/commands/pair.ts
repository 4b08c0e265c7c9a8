import { parseEndpoint } from '../domain/endpoint.js';
import { InputError } from '../domain/errors.js';
import { MAX_KEY_FILE_BYTES } from '../domain/input-limits.js';
import { parseKey, publicKeyOf } from '../domain/keys.js';
import { parseInterfaceName } from '../domain/names.js';
import { encodePairingCode, PAIRING_PSK_WARNING, type PairingInfo } from '../domain/pairing/code.js';
import { renderQr, type QrEncoder } from '../domain/pairing/qr.js';
import { pathsFor } from '../domain/plan/context.js';
import type { SitePeer } from '../domain/site/model.js';
import {
  type CommandIo,
  type CommandSpec,
  interfaceOption,
  optionalString,
  stringValue,
  UsageError,
} from './command.js';
import { keyDirOption } from './keygen.js';
import { loadSite } from './site-loading.js';

/** Finds a QR encoder at run time; undefined when none is installed. */
export type QrEncoderLoader = () => Promise<QrEncoder | undefined>;

/** The optional `uqr` package (MIT, no dependencies), when installed: `encode(text).data` is the module matrix. */
export const loadUqrEncoder: QrEncoderLoader = async () => {
  const name = 'uqr';
  try {
    const mod = (await import(name)) as {
      encode?: (text: string, options: { ecc: string; border: number }) => { data: boolean[][] };
    };
    const encode = mod.encode;
    return typeof encode === 'function' ? (text) => encode(text, { ecc: 'L', border: 0 }).data : undefined;
  } catch {
    return undefined;
  }
};

function choosePeer(peers: SitePeer[], name: string | undefined): SitePeer {
  if (name !== undefined) {
    const peer = peers.find((p) => p.name === name);
    if (!peer) {
      throw new InputError(
        '--peer',
        `The site file has no peer "${name}"; its peers are ${peers.map((p) => p.name).join(', ')}.`,
      );
    }
    return peer;
  }
  if (peers.length > 1) {
    throw new UsageError(
      `the site file has ${peers.length} peers; name the one to pair with: --peer ${peers.map((p) => p.name).join('|')}`,
    );
  }
  return peers[0]!;
}

/**
 * A gateway without the interface's site file has not been set up: say how to set it up (the wizard
 * shows the pairing code on its step 4) rather than that a file is missing.
 */
async function needSetUp(io: CommandIo, iface: string): Promise<void> {
  const path = pathsFor(iface).site;
  if (await io.files.exists(path)) return;
  const setup = iface === 'wg0' ? 'wg-site setup' : `wg-site setup --interface ${iface}`;
  throw new InputError(
    '--site',
    `This gateway is not set up yet (there is no ${path}). Run \`sudo ${setup}\`: its step 4 shows this gateway's pairing code. Or name a site file with --site FILE.`,
  );
}

/** Build `wg-site pair` with a given QR encoder loader (tests pass a fake). */
export function makePairCommand(loadEncoder: QrEncoderLoader): CommandSpec {
  return {
    name: 'pair',
    summary: "Print this gateway's pairing code for the far gateway's wizard (and a QR code on a terminal)",
    details: [
      'The code carries the site name, public key, tunnel addresses, LAN subnets, listen port and, with',
      '--endpoint, where the far gateway reaches this one. The preshared key is added only with --include-psk.',
    ],
    options: {
      ...interfaceOption,
      site: {
        type: 'string',
        valueName: 'FILE',
        description: 'the site file (default /etc/wg-site/<interface>.json)',
      },
      ...keyDirOption,
      peer: {
        type: 'string',
        valueName: 'NAME',
        description: 'the far site to pair with (when the site file has several)',
      },
      endpoint: {
        type: 'string',
        valueName: 'HOST:PORT',
        description: 'where the far gateway can reach this one',
      },
      'include-psk': {
        type: 'boolean',
        description: 'put the preshared key into the code (a secret: see the warning)',
      },
      ascii: { type: 'boolean', description: 'draw the QR code with # only' },
      'light-background': {
        type: 'boolean',
        description: 'the terminal shows dark text on a light background',
      },
      json: { type: 'boolean', description: 'print {"code": …} only' },
    },
    async run(args, io) {
      const iface = parseInterfaceName(stringValue(args, 'interface'), '--interface');
      const includePsk = Boolean(args.values['include-psk']);
      if (includePsk && args.values.json) {
        throw new UsageError('--json output never holds a key; leave out --include-psk or --json');
      }
      const endpointText = optionalString(args, 'endpoint');
      const endpoint =
        endpointText === undefined ? undefined : parseEndpoint(endpointText, '--endpoint').text;
      const sitePath = optionalString(args, 'site');
      if (sitePath === undefined) await needSetUp(io, iface);
      const { site } = await loadSite(io, sitePath ?? pathsFor(iface).site);
      const keyPath = `${stringValue(args, 'dir').replace(/\/+$/, '')}/${site.interface}.key`;
      const keyText = await io.files.read(keyPath, MAX_KEY_FILE_BYTES);
      if (keyText === undefined) {
        throw new InputError(
          keyPath,
          `${keyPath} does not exist; create it with \`wg-site keygen --interface ${site.interface}\`.`,
        );
      }
      const peer = choosePeer(site.peers, optionalString(args, 'peer'));
      const prefix = site.tunnel.address.prefix;
      const info: PairingInfo = {
        siteName: site.name,
        publicKey: publicKeyOf(parseKey(keyText, keyPath), keyPath),
        tunnelAddress: `${site.tunnel.address.address.text}/${prefix}`,
        peerTunnelAddress: `${peer.tunnelAddress.text}/${prefix}`,
        subnets: site.lan.subnets.map((s) => s.text),
        listenPort: site.tunnel.listenPort,
      };
      if (endpoint !== undefined) info.endpoint = endpoint;
      if (includePsk) {
        if (!peer.presharedKeyFile) {
          throw new InputError(
            '--include-psk',
            `Peer "${peer.name}" has no presharedKeyFile in the site file, so there is no preshared key to include.`,
          );
        }
        const psk = await io.files.read(peer.presharedKeyFile, MAX_KEY_FILE_BYTES);
        if (psk === undefined)
          throw new InputError('--include-psk', `${peer.presharedKeyFile} does not exist.`);
        info.presharedKey = parseKey(psk, peer.presharedKeyFile);
      }
      const code = encodePairingCode(info, { includePresharedKey: includePsk });
      if (args.values.json) {
        io.stdout(`${JSON.stringify({ code })}\n`);
        return 0;
      }
      if (includePsk) io.stderr(`wg-site pair: WARNING: ${PAIRING_PSK_WARNING}\n`);
      if (endpoint === undefined) {
        io.stderr('wg-site pair: no --endpoint given: the far gateway will wait for this one to dial in.\n');
      }
      io.stdout(`${code}\n`);
      if (io.interactive) {
        const encoder = await loadEncoder();
        if (encoder) {
          const lines = renderQr(code, {
            encoder,
            ascii: Boolean(args.values.ascii),
            invert: !args.values['light-background'],
          });
          io.stdout(`\n${lines.join('\n')}\n`);
        } else io.stderr('wg-site pair: no QR encoder installed; paste the line above instead.\n');
      }
      return 0;
    },
  };
}

export const pairCommand: CommandSpec = makePairCommand(loadUqrEncoder);
