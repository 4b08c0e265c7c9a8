import { randomBytes } from 'node:crypto';
import { constants, promises as fs, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { FileFacts } from '../domain/apply/secret-file.js';

/** File access, behind an interface so tests can pass a fake or a temporary root. */
export interface FileStore {
  /** The file's text, or undefined when it does not exist. */
  read(path: string): Promise<string | undefined>;
  /** Replace (or create) a file atomically with the given mode; parent directories are created 0700. */
  writeAtomic(path: string, content: string, mode: number): Promise<void>;
  /** Create a file only if it does not exist; false when it already did. */
  createExclusive(path: string, content: string, mode: number): Promise<boolean>;
  /** Remove a file; no error when it is already gone. */
  remove(path: string): Promise<void>;
  exists(path: string): Promise<boolean>;
  /** Names of the entries in a directory, or [] when it does not exist. */
  list(dir: string): Promise<string[]>;
  /** Permission bits of a file, or undefined when it does not exist. */
  mode(path: string): Promise<number | undefined>;
  /** Kind, permission bits and owner of a path (a symbolic link itself, not its target), or undefined when absent. */
  stat(path: string): Promise<FileFacts | undefined>;
}

function kindOf(stats: Stats): FileFacts['kind'] {
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isFile()) return 'file';
  return stats.isDirectory() ? 'directory' : 'other';
}

async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/**
 * The real file store. Writes go to a temporary file in the same directory (O_EXCL, the final mode
 * from the start), are fsynced, renamed over the target, and the directory is fsynced: a crash
 * leaves either the old file or the new one, never half of either.
 */
export const systemFiles: FileStore = {
  async read(path) {
    try {
      return await fs.readFile(path, 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },

  async writeAtomic(path, content, mode) {
    const dir = dirname(path);
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.chmod(mode);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await fs.rm(temp, { force: true });
      throw error;
    }
    await handle.close();
    try {
      await fs.rename(temp, path);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
    await fsyncDirectory(dir);
  },

  async createExclusive(path, content, mode) {
    await fs.mkdir(dirname(path), { recursive: true, mode: 0o700 });
    let handle;
    try {
      handle = await fs.open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
    try {
      await handle.writeFile(content, 'utf8');
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsyncDirectory(dirname(path));
    return true;
  },

  async remove(path) {
    await fs.rm(path, { force: true });
  },

  async exists(path) {
    try {
      await fs.access(path);
      return true;
    } catch {
      return false;
    }
  },

  async list(dir) {
    try {
      return await fs.readdir(dir);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  },

  async mode(path) {
    try {
      return (await fs.stat(path)).mode & 0o7777;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },

  async stat(path) {
    try {
      const stats = await fs.lstat(path);
      return { kind: kindOf(stats), mode: stats.mode & 0o7777, uid: stats.uid };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  },
};
