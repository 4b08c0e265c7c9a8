import type { Clock } from '../system/clock.js';
import type { CommandRunner } from '../system/command-runner.js';
import type { FileStore } from '../system/file-store.js';
import type { InterfaceLocks } from '../system/apply/lock.js';

/** One option of a command, in node:util parseArgs form plus the text `--help` shows. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  description: string;
  /** Shown in help as `--name VALUE`. */
  valueName?: string;
  default?: string | boolean;
}

/** What a command may touch: output, and the system interfaces. Tests pass fakes. */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  runner: CommandRunner;
  files: FileStore;
  clock: Clock;
  env: Record<string, string | undefined>;
  /**
   * Standard input as UTF-8 text, when a command reads it: reading stops, and an `InputError`
   * (exit 2) is thrown, as soon as it passes `maxBytes`.
   */
  readStdin(maxBytes: number): Promise<string>;
  /** True when standard output is a terminal (a person is watching). */
  interactive: boolean;
  /** Interface locks (default: flock on /run/wg-site/<if>.lock); tests pass an in-memory one. */
  locks?: InterfaceLocks;
}

/** Parsed option values and positional arguments. */
export interface CommandArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** A headless command: `wg-site <name> [options]`. `run` returns the exit code. */
export interface CommandSpec {
  name: string;
  summary: string;
  /** Extra lines for `--help` after the options. */
  details?: string[];
  options: Record<string, OptionSpec>;
  positionals?: string;
  run(args: CommandArgs, io: CommandIo): Promise<number>;
}

/** A usage mistake on the command line (unknown option, missing value): exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The option every command that manages one WireGuard interface takes. */
export const interfaceOption: Record<string, OptionSpec> = {
  interface: {
    type: 'string',
    short: 'i',
    valueName: 'NAME',
    description: 'WireGuard interface',
    default: 'wg0',
  },
};

/** Read a string option that has a default. */
export function stringValue(args: CommandArgs, name: string): string {
  const value = args.values[name];
  if (typeof value !== 'string') throw new UsageError(`--${name} needs a value`);
  return value;
}

/** Read an optional string option. */
export function optionalString(args: CommandArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}
