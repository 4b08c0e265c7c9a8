/**
 * How to draw on this terminal, from the environment and the command line:
 * - colour unless NO_COLOR is set to anything non-empty (https://no-color.org) or TERM=dumb;
 * - ASCII-only glyphs with `--ascii`, or automatically on terminals that cannot show Unicode
 *   (TERM=linux — the Linux console —, vt100/vt102/vt220, dumb).
 */

/** Terminal types drawn in ASCII without being asked. */
export const ASCII_TERMS: readonly string[] = ['linux', 'vt100', 'vt102', 'vt220', 'dumb'];

/** The drawing options. */
export interface TerminalOptions {
  readonly ascii: boolean;
  readonly color: boolean;
}

/** Decide the drawing options. */
export function terminalOptions(
  env: Readonly<Record<string, string | undefined>>,
  flags: { readonly ascii?: boolean } = {},
): TerminalOptions {
  const term = (env.TERM ?? '').toLowerCase();
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return {
    ascii: flags.ascii === true || ASCII_TERMS.includes(term),
    color: !noColor && term !== 'dumb',
  };
}
