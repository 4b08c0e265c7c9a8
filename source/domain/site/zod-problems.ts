import type { z } from 'zod';
import { SiteFileError } from '../errors.js';
import { shown } from '../shown-text.js';

/** Turn a zod path into the field path used in our messages: `peers[0].endpoint`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out || '(site file)';
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string')
    return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`}`;
}

const typeWords: Record<string, string> = {
  string: 'text in quotes',
  number: 'a number',
  int: 'a whole number',
  object: 'an object { … }',
  array: 'a list [ … ]',
  boolean: 'true or false',
};

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

/** Translate one zod issue into a {@link SiteFileError} that names the field and what would be right. */
export function problemFromIssue(issue: z.core.$ZodIssue, input: unknown): SiteFileError {
  const field = fieldPath(issue.path);
  const got = valueAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      if (got === undefined) return new SiteFileError(field, `${field} is missing; it is required here.`);
      const want = typeWords[issue.expected] ?? issue.expected;
      return new SiteFileError(field, `${field} must be ${want}, not ${describe(got)}.`);
    }
    case 'unrecognized_keys': {
      const keys = issue.keys.map((k) => shown(k)).join(', ');
      const where = issue.path.length ? `${field}` : 'the top level';
      const target = issue.path.length ? `${field}.${issue.keys[0]}` : (issue.keys[0] ?? field);
      return new SiteFileError(
        target,
        `${where} has unknown field(s) ${keys}; check the spelling (see \`wg-site schema\`).`,
      );
    }
    case 'invalid_value':
      return new SiteFileError(
        field,
        `${field} is ${got === undefined ? 'missing' : describe(got)}; it must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`,
      );
    case 'invalid_union':
      return new SiteFileError(
        field,
        `${field} must be "all" or { "tcp": [ports], "udp": [ports] }, not ${describe(got)}.`,
      );
    case 'too_small':
      return new SiteFileError(
        field,
        `${field} needs at least ${String(issue.minimum)} entr${issue.minimum === 1 ? 'y' : 'ies'}.`,
      );
    case 'too_big':
      return new SiteFileError(
        field,
        `${field} has ${Array.isArray(got) ? `${got.length} entries` : 'too many entries'}; at most ${String(issue.maximum)} are allowed.`,
      );
    default:
      return new SiteFileError(field, `${field}: ${issue.message}.`);
  }
}

/**
 * Translate one zod issue into the problems it stands for. A union whose value is an object (such as
 * `firewall.fromRemote`) reports the mistakes inside the object branch, each at its own field, rather
 * than one vague "must be this or that" for the whole union.
 */
export function problemsFromIssue(issue: z.core.$ZodIssue, input: unknown): SiteFileError[] {
  if (issue.code === 'invalid_union') {
    const got = valueAt(input, issue.path);
    if (got !== null && typeof got === 'object' && !Array.isArray(got)) {
      const branch = issue.errors.find(
        (errors) =>
          errors.length > 0 && errors.every((e) => e.path.length > 0 || e.code === 'unrecognized_keys'),
      );
      if (branch)
        return branch.flatMap((inner) =>
          problemsFromIssue({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue, input),
        );
    }
  }
  return [problemFromIssue(issue, input)];
}
