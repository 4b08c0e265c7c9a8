import { execa } from 'execa';

/** What a finished command left behind. A non-zero exit is a result, not an exception. */
export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Options for one command. */
export interface RunOptions {
  /** Text written to the command's standard input. */
  input?: string;
  /** Extra environment variables, merged over the current environment. */
  env?: Record<string, string>;
  /** Kill the command after this many milliseconds. */
  timeoutMs?: number;
}

/**
 * Runs system tools (`wg`, `wg-quick`, `ip`, `nft`, …). The only way the rest of the code
 * starts a process, so tests can pass a fake that asserts the exact arguments.
 */
export interface CommandRunner {
  run(file: string, args: readonly string[], options?: RunOptions): Promise<CommandResult>;
}

/** Thrown by {@link runChecked} when a command exits non-zero or cannot be started. */
export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly result: CommandResult,
  ) {
    const detail = result.stderr.trim() || result.stdout.trim() || `exit code ${result.exitCode}`;
    super(`${command} failed: ${detail}`);
    this.name = 'CommandError';
  }
}

/**
 * The real runner, built on execa. A missing program gives exit code 127, as a shell would.
 * Every command runs in a session of its own (setsid), away from the admin's terminal: a hang-up
 * (an SSH session that ends or drops) or a ^C reaches neither it nor a daemon it leaves running —
 * `wg-quick up` without the kernel module starts `wireguard-go`, which would otherwise die with the
 * session and take the tunnel with it.
 */
export const systemRunner: CommandRunner = {
  async run(file, args, options = {}) {
    const result = await execa(file, args, {
      detached: true,
      reject: false,
      input: options.input,
      env: options.env,
      timeout: options.timeoutMs,
      stripFinalNewline: false,
    });
    const notFound = (result as { code?: string }).code === 'ENOENT';
    return {
      stdout: String(result.stdout ?? ''),
      stderr: notFound ? `${file}: command not found` : String(result.stderr ?? ''),
      exitCode: notFound ? 127 : (result.exitCode ?? 1),
    };
  },
};

/** Run a command and throw a {@link CommandError} unless it exits 0. */
export async function runChecked(
  runner: CommandRunner,
  file: string,
  args: readonly string[],
  options?: RunOptions,
): Promise<CommandResult> {
  const result = await runner.run(file, args, options);
  if (result.exitCode !== 0) throw new CommandError([file, ...args].join(' '), result);
  return result;
}
