/**
 * Whether Ink runs in its CI mode, where it draws nothing live (only the last frame, at exit). Ink
 * asks the `is-in-ci` package, which looks only at CI / CONTINUOUS_INTEGRATION in the environment, so
 * an admin with CI=true exported in an interactive shell would get a blank panel and wizard. The CLI
 * bundle puts this module in the package's place (scripts/bundle-options.js): a terminal always gets
 * a live screen, and output that is not a terminal (pipes, test runs) keeps the package's answer.
 */

/** Ink's CI mode: CI or CONTINUOUS_INTEGRATION set (and not "0"/"false"), unless stdout is a terminal. */
export function inkCiMode(env: Readonly<Record<string, string | undefined>>, stdoutIsTty: boolean): boolean {
  if (stdoutIsTty) return false;
  const set = (key: string): boolean => env[key] !== undefined && env[key] !== '0' && env[key] !== 'false';
  return set('CI') || set('CONTINUOUS_INTEGRATION');
}

/** The answer for this process, as `is-in-ci` gives it (its default export). */
const isInCi: boolean = inkCiMode(process.env, process.stdout.isTTY === true);
export default isInCi;
