import type { CommandSpec, OptionSpec } from './command.js';

function optionLine(name: string, spec: OptionSpec): [string, string] {
  const short = spec.short ? `-${spec.short}, ` : '    ';
  const value = spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : '';
  const fallback =
    spec.default !== undefined && spec.default !== false ? ` (default: ${String(spec.default)})` : '';
  return [`${short}--${name}${value}`, `${spec.description}${fallback}`];
}

function table(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

/** `wg-site <command> --help`. */
export function commandHelp(command: CommandSpec): string {
  const rows = Object.entries(command.options).map(([name, spec]) => optionLine(name, spec));
  rows.push(['-h, --help', 'show this help']);
  const lines = [
    `Usage: wg-site ${command.name}${Object.keys(command.options).length ? ' [options]' : ''}${command.positionals ? ` ${command.positionals}` : ''}`,
    '',
    command.summary + '.',
    '',
    'Options:',
    ...table(rows),
  ];
  if (command.details?.length) lines.push('', ...command.details);
  lines.push('', 'Exit codes: 0 ok, 2 bad input (the message names the problem), 1 anything else.');
  return `${lines.join('\n')}\n`;
}

/** `wg-site --help`. */
export function mainHelp(commands: readonly CommandSpec[]): string {
  return [
    'wg-site: join LANs with a WireGuard site-to-site tunnel, and keep it healthy.',
    '',
    'Usage: wg-site <command> [options]     (wg-site <command> --help for its options)',
    '',
    'Commands:',
    ...table(commands.map((c) => [c.name, c.summary])),
    '',
    'Exit codes: 0 ok, 2 bad input (the message names the problem), 1 anything else.',
    '',
  ].join('\n');
}
