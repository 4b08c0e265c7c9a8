import { CommandError, type RunOptions } from '../command-runner.js';
import type { ApplyDeps } from './deps.js';

/** Run a command; throw a CommandError (its message names the command) unless it exits 0. */
export async function must(
  deps: ApplyDeps,
  file: string,
  args: string[],
  options?: RunOptions,
): Promise<string> {
  const result = await deps.runner.run(file, args, options);
  if (result.exitCode !== 0) throw new CommandError([file, ...args].join(' '), result);
  return result.stdout;
}
