/**
 * Reading what wg-site is given, with bounds: only regular files (symbolic links followed), never
 * more than a cap, and only UTF-8 text. The file is opened non-blocking so a FIFO cannot stall the
 * open, its type is taken from the opened descriptor (no window between checking and reading), and
 * anything but a regular file is refused before a byte is read. Every refusal is an
 * {@link UnreadableInputError} (exit 2) whose sentence names the path and what it is.
 */
import { constants, promises as fs, type Stats } from 'node:fs';
import { InputError } from '../domain/errors.js';
import { formatBytes } from '../domain/input-limits.js';

/** A file or stream that cannot be read as input; `field` is its path (or `stdin`). */
export class UnreadableInputError extends InputError {}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function notRegular(path: string, stats: Stats): UnreadableInputError {
  const kind = kindOf(stats);
  const what = kind.startsWith('not') ? kind : `${kind}, not a regular file`;
  return new UnreadableInputError(path, `${path} is ${what}; give the path of the file itself.`);
}

function tooLarge(name: string, maxBytes: number, check = 'that it is the right file'): UnreadableInputError {
  return new UnreadableInputError(
    name,
    `${name} is larger than ${formatBytes(maxBytes)}, the most wg-site reads there; check ${check}.`,
  );
}

/** Strict UTF-8 (a leading byte order mark is dropped), or a sentence saying it is not text. */
function decode(name: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UnreadableInputError(
      name,
      `${name} is not UTF-8 text; it cannot be what wg-site expects there.`,
    );
  }
}

async function describeOpenError(path: string, error: NodeJS.ErrnoException): Promise<Error> {
  switch (error.code) {
    case 'ELOOP':
      return new UnreadableInputError(
        path,
        `${path} is a symbolic link that links in a loop; it leads to no file.`,
      );
    case 'EACCES':
    case 'EPERM':
      return new UnreadableInputError(path, `${path} cannot be read: permission denied.`);
    case 'ENAMETOOLONG':
      return new UnreadableInputError(path, `${path} is too long to be a path.`);
    case 'ENOTDIR':
      return new UnreadableInputError(path, `${path} does not exist: part of it is a file, not a directory.`);
    case 'ENXIO':
    case 'EOPNOTSUPP': {
      // A socket cannot be opened at all; say what it is.
      const stats = await fs.stat(path).catch(() => undefined);
      if (stats) return notRegular(path, stats);
      return error;
    }
    default:
      return error;
  }
}

/**
 * The text of the regular file at PATH (symbolic links followed), or undefined when nothing is
 * there. Reads at most `maxBytes` + 1 bytes; refuses (see the module comment) anything else.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<string | undefined> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw await describeOpenError(path, error as NodeJS.ErrnoException);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw notRegular(path, stats);
    if (stats.size > maxBytes) throw tooLarge(path, maxBytes);
    // The size can lie (files in /proc say 0) or change: read one byte past the cap to know.
    const limit = maxBytes + 1;
    let buffer = Buffer.alloc(Math.min(limit, Math.max(stats.size + 1, 8192)));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const grown = Buffer.alloc(Math.min(limit, buffer.length * 2));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw tooLarge(path, maxBytes);
    }
    return decode(path, buffer.subarray(0, length));
  } finally {
    await handle.close();
  }
}

/**
 * Everything a stream (standard input) gives until it ends, as UTF-8 text; stops reading and refuses
 * as soon as it passes `maxBytes`, so nothing unbounded is ever held.
 */
export async function readStreamBounded(
  stream: AsyncIterable<Buffer | string>,
  maxBytes: number,
  name = 'standard input',
): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    length += bytes.length;
    if (length > maxBytes) throw tooLarge(name, maxBytes, 'what is fed into it');
    chunks.push(bytes);
  }
  return decode(name, Buffer.concat(chunks));
}
