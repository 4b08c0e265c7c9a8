/**
 * How much wg-site reads of anything it is given: every file and stream is cut off at a size, and a
 * site file at a number of peers, so a wrong path (a device, a log, a dump) fails at once with a
 * sentence instead of running for minutes. Each limit is defined here and nowhere else.
 */

/** The largest site file, wg-quick file or other text file wg-site reads: 1 MiB. */
export const MAX_TEXT_FILE_BYTES = 1024 * 1024;

/** The largest key file, or key on standard input: 1 KiB (a key is 44 characters and a newline). */
export const MAX_KEY_FILE_BYTES = 1024;

/** The longest pasted pairing code, in characters (a typical code is about 120). */
export const MAX_PAIRING_CODE_CHARS = 4096;

/**
 * The most peers one site file may list. A site-to-site hub with more far sites than this is better
 * split over several interfaces; planning this many takes a few milliseconds.
 */
export const MAX_PEERS = 250;

/** The most subnets one list of a site file may hold (this site's LAN, or one far site's). */
export const MAX_SUBNETS = 16;

/** The most ports one list of a site file may hold (`firewall.fromRemote.tcp` or `.udp`). */
export const MAX_PORTS = 64;

/** A byte count as people say it: `1 MiB`, `4 KiB`, `512 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
