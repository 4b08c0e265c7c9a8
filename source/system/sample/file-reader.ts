import { readFile } from 'node:fs/promises';

/** Reads small text files (`/proc`, `/sys`). Behind an interface so tests can fake the files. */
export interface FileReader {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  readText(path: string): Promise<string | undefined>;
}

/** The real reader. Any error (missing file, no permission, not a file) reads as undefined. */
export const systemFileReader: FileReader = {
  async readText(path) {
    try {
      return await readFile(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** A reader over a fixed map of path → text, for tests and demos. Missing paths read as undefined. */
export function memoryFileReader(
  files: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
): FileReader {
  const map = files instanceof Map ? files : new Map(Object.entries(files));
  return { readText: async (path) => map.get(path) };
}
