import { InputError, InputProblems } from '../domain/errors.js';
import { parseKey, publicKeyOf } from '../domain/keys.js';
import { isInterfaceName } from '../domain/names.js';
import type { OwnKeys, Site } from '../domain/site/model.js';
import { checkSiteText } from '../domain/site/validate.js';
import { pathsFor } from '../domain/plan/context.js';
import type { CommandIo } from './command.js';

/** The interface a site file names (default wg0), read before full validation. */
function interfaceOf(text: string): string {
  try {
    const raw = JSON.parse(text) as { interface?: unknown };
    return typeof raw.interface === 'string' ? raw.interface : 'wg0';
  } catch {
    return 'wg0';
  }
}

/** This gateway's keys, when its key file exists and is readable, so peers cannot repeat them. */
async function ownKeys(io: CommandIo, iface: string): Promise<OwnKeys> {
  if (!isInterfaceName(iface)) return {};
  const text = await io.files.read(pathsFor(iface).privateKey).catch(() => undefined);
  if (text === undefined) return {};
  try {
    const privateKey = parseKey(text);
    return { privateKey, publicKey: publicKeyOf(privateKey) };
  } catch {
    return {};
  }
}

/** Read and check a site file; every problem in it is reported at once. */
export async function loadSite(io: CommandIo, path: string): Promise<{ site: Site; text: string }> {
  const text = await io.files.read(path);
  if (text === undefined) throw new InputError('--site', `${path} does not exist.`);
  const own = await ownKeys(io, interfaceOf(text));
  const { site, problems } = checkSiteText(text, own);
  if (!site) throw new InputProblems(problems);
  return { site, text };
}
