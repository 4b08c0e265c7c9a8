/**
 * Errors raised on bad input. Every one names the field it is about (a path such as
 * `peers[0].publicKey`, or a plain name like `endpoint` when the caller gave none) and
 * says what is wrong and what would be right. The CLI maps every {@link InputError} to exit code 2.
 *
 * Messages never contain a private or preshared key.
 */
export class InputError extends Error {
  /** The field the error is about, e.g. `peers[0].endpoint`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.field = field;
  }
}

/** A WireGuard key that is malformed, low-order, or used in the wrong place. */
export class KeyError extends InputError {}

/** An IP address or CIDR prefix that is malformed or has host bits set. */
export class AddressError extends InputError {}

/** An endpoint that is not `host:port`, `a.b.c.d:port` or `[v6]:port`. */
export class EndpointError extends InputError {}

/** A port, keepalive, MTU or other number outside its range. */
export class ValueRangeError extends InputError {}

/** An interface, site or peer name that breaks the naming rules. */
export class NameError extends InputError {}

/** A file path that is not absolute and normalised, or holds characters outside its grammar. */
export class PathError extends InputError {}

/** Two prefixes that must not overlap do. */
export class OverlapError extends InputError {}

/** The same key, prefix or name where it must be unique. */
export class DuplicateError extends InputError {}

/** A wg-quick file line that cannot be parsed, or a value `wg` would refuse. */
export class ConfigSyntaxError extends InputError {
  /** 1-based line number in the file, when known. */
  readonly line: number | undefined;

  constructor(field: string, message: string, line?: number) {
    super(field, line === undefined ? message : `line ${line}: ${message}`);
    this.line = line;
  }
}

/** A site file that does not match its schema (wrong type, missing field, unknown value). */
export class SiteFileError extends InputError {}

/** Prefix a field path with a parent path: `at('peers[0]', 'endpoint')` → `peers[0].endpoint`. */
export function at(parent: string | undefined, field: string): string {
  if (!parent) return field;
  return field.startsWith('[') ? `${parent}${field}` : `${parent}.${field}`;
}

/** Several problems found at once (e.g. every mistake in a site file). Named after the first. */
export class InputProblems extends InputError {
  readonly problems: InputError[];

  constructor(problems: InputError[]) {
    const first = problems[0];
    super(first?.field ?? '(input)', problems.map((p) => p.message).join('\n'));
    this.problems = problems;
  }
}
