/**
 * Output from `wg`, the UAPI socket or a kernel file that does not have the expected shape.
 *
 * Not an InputError: the user typed nothing wrong; the tool or kernel answered something unexpected.
 * Messages name the source and line number but never repeat the line, because a dump line can hold
 * a private or preshared key.
 */
export class StatusParseError extends Error {
  /** What was being read, e.g. `wg show dump` or `/proc/stat`. */
  readonly source: string;
  /** 1-based line number, when known. */
  readonly line: number | undefined;

  constructor(source: string, message: string, line?: number) {
    super(`${source}${line === undefined ? '' : ` line ${line}`}: ${message}`);
    this.name = 'StatusParseError';
    this.source = source;
    this.line = line;
  }
}
