/**
 * Test helper: run the real wg-quick and wg on a config text, offline and without touching any
 * interface. `wg-quick strip` needs the file to be named `<ifname>.conf`; `wg setconf` on an
 * interface that does not exist parses the whole file first, so "Configuration parsing error"
 * means `wg` refused it, and "Unable to modify interface" means it parsed fine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** An interface name that must not exist; `wg setconf` then stops after parsing. */
const ABSENT_IF = 'wgsitecfgtest0';

/** True when both tools are installed and the absent interface really is absent. */
export const realToolsAvailable =
  spawnSync('wg-quick', ['-h']).status !== null &&
  spawnSync('wg', ['--version']).status === 0 &&
  !existsSync(`/sys/class/net/${ABSENT_IF}`) &&
  !existsSync(`/var/run/wireguard/${ABSENT_IF}.sock`);

/** Run `wg-quick strip` on the text saved as wg0.conf (mode 0600 in a private dir). */
export function wgQuickStrip(text: string): { status: number | null; stdout: string; stderr: string } {
  return inTempFile('wg0.conf', text, (file) => {
    const run = spawnSync('wg-quick', ['strip', file], { encoding: 'utf8' });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  });
}

/**
 * Ask `wg` itself to parse a stripped config. Host-name endpoints are replaced by a documentation
 * address first so `wg` does no DNS lookup. Returns `wg`'s complaint, or undefined when it parsed.
 */
export function wgParseError(stripped: string): string | undefined {
  const offline = stripped.replace(
    /^(\s*endpoint\s*=\s*)([^[:#\s]+)(:\d+)/gim,
    (line, head: string, host: string, port: string) =>
      /[a-z]/i.test(host) ? `${head}192.0.2.1${port}` : line,
  );
  return inTempFile('stripped.conf', offline, (file) => {
    const run = spawnSync('wg', ['setconf', ABSENT_IF, file], {
      encoding: 'utf8',
      env: { ...process.env, WG_ENDPOINT_RESOLUTION_RETRIES: '0' },
    });
    if (run.status === 0) throw new Error(`wg setconf unexpectedly succeeded on ${ABSENT_IF}`);
    // Parsing passed when the only complaint is about the (absent) interface itself.
    if (/^Unable to (modify|access) interface: /.test(run.stderr.trim())) return undefined;
    return run.stderr.trim();
  });
}

function inTempFile<T>(name: string, text: string, run: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'wg-config-test-'));
  try {
    chmodSync(dir, 0o700);
    const file = join(dir, name);
    writeFileSync(file, text, { mode: 0o600 });
    return run(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
