import { parseArgs } from 'node:util';
import { InputError, InputProblems } from '../domain/errors.js';
import { type CommandIo, type CommandSpec, UsageError } from './command.js';
import { commandHelp, mainHelp } from './help.js';
import { defaultPanelInterface } from './panel.js';
import { commands as registry } from './registry.js';

function parse(command: CommandSpec, argv: string[]) {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; default?: string | boolean }> =
    {
      help: { type: 'boolean', short: 'h' },
    };
  for (const [name, spec] of Object.entries(command.options)) {
    options[name] = {
      type: spec.type,
      ...(spec.short ? { short: spec.short } : {}),
      ...(spec.default !== undefined ? { default: spec.default } : {}),
    };
  }
  try {
    return parseArgs({ args: argv, options, allowPositionals: Boolean(command.positionals), strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}

/** An input problem as one line that always names its field (`peers[0].endpoint: …`). */
function problemLine(problem: InputError): string {
  return problem.message.includes(problem.field) ? problem.message : `${problem.field}: ${problem.message}`;
}

/** Run `wg-site` with the given arguments and return the exit code. Never throws. */
export async function main(
  argv: string[],
  io: CommandIo,
  commands: readonly CommandSpec[] = registry,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined && io.interactive) {
    // On a configured gateway, a person typing plain `wg-site` gets the live panel.
    const iface = await defaultPanelInterface(io);
    if (iface !== undefined) return main(['panel', '--interface', iface], io, commands);
    // No site file yet: a person typing plain `wg-site` gets the setup wizard.
    return main(['setup'], io, commands);
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(mainHelp(commands));
    return 0;
  }
  if (name === '--version') {
    io.stdout('wg-site 0.1.0\n');
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`wg-site: unknown command "${name}". Commands: ${commands.map((c) => c.name).join(', ')}.\n`);
    return 2;
  }
  try {
    const { values, positionals } = parse(command, rest);
    if (values.help) {
      io.stdout(commandHelp(command));
      return 0;
    }
    return await command.run({ values, positionals }, io);
  } catch (error) {
    if (error instanceof InputProblems) {
      for (const problem of error.problems) io.stderr(`wg-site ${name}: ${problemLine(problem)}\n`);
      return 2;
    }
    if (error instanceof InputError || error instanceof UsageError) {
      io.stderr(`wg-site ${name}: ${error instanceof InputError ? problemLine(error) : error.message}\n`);
      if (error instanceof UsageError) io.stderr(`Try: wg-site ${name} --help\n`);
      return 2;
    }
    io.stderr(`wg-site ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
