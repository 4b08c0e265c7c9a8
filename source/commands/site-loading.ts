import { InputError } from '../domain/errors.js';
import type { Site } from '../domain/site/model.js';
import { checkSiteOnHost } from '../system/apply/plan-on-host.js';
import type { CommandIo } from './command.js';

/** Read a site file's text (once: everything after works on this text). */
export async function readSiteText(io: CommandIo, path: string): Promise<string> {
  const text = await io.files.read(path);
  if (text === undefined) throw new InputError('--site', `${path} does not exist.`);
  return text;
}

/**
 * Read and check a site file; every problem in it is reported at once. The file must be a regular
 * file (a link to one is followed) of at most 1 MiB of UTF-8 JSON; anything else is refused with a
 * sentence naming the path (exit 2).
 */
export async function loadSite(io: CommandIo, path: string): Promise<{ site: Site; text: string }> {
  const text = await readSiteText(io, path);
  return { site: await checkSiteOnHost(io.files, text), text };
}

/**
 * Read a site file for a command that changes the host: its text, and the interface it names
 * (checked, so the interface's lock can be taken before the file is planned again under it).
 */
export async function readSiteFile(io: CommandIo, path: string): Promise<{ text: string; iface: string }> {
  const { site, text } = await loadSite(io, path);
  return { text, iface: site.interface };
}
