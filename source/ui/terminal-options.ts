/**
 * How to draw on this terminal, from the environment and the command line:
 * - colour unless NO_COLOR is set to anything non-empty (https://no-color.org) or TERM=dumb;
 * - ASCII-only glyphs with `--ascii`, or automatically on terminals that cannot show Unicode
 *   (TERM=linux — the Linux console —, vt100/vt102/vt220, dumb), and under a locale whose character set
 *   is not UTF-8 (LANG=C, LC_ALL=POSIX, en_US.ISO-8859-1; the first set of LC_ALL, LC_CTYPE, LANG
 *   decides, and with none set the terminal is trusted).
 */

/** Terminal types drawn in ASCII without being asked. */
export const ASCII_TERMS: readonly string[] = ['linux', 'vt100', 'vt102', 'vt220', 'dumb'];

/**
 * True when the locale the environment names uses UTF-8 (`C.UTF-8`, `en_US.utf8`), or when no locale
 * is named at all. LC_ALL overrides LC_CTYPE, which overrides LANG; empty values do not count.
 */
export function localeIsUtf8(env: Readonly<Record<string, string | undefined>>): boolean {
  const locale = [env.LC_ALL, env.LC_CTYPE, env.LANG].find((v) => v !== undefined && v !== '');
  if (locale === undefined) return true;
  const codeset = /\.([^@]*)/.exec(locale)?.[1] ?? '';
  return /^utf-?8$/i.test(codeset);
}

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
    ascii: flags.ascii === true || ASCII_TERMS.includes(term) || !localeIsUtf8(env),
    color: !noColor && term !== 'dumb',
  };
}
