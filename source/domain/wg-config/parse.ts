/**
 * parseWgConfig: text → line-preserving {@link WgDocument}, with every value checked against the
 * ranges `wg` and wg-quick accept. Problems `wg` would refuse are ConfigSyntaxErrors with a line
 * number; things it accepts but that deserve attention are returned as warnings.
 */
import { ConfigSyntaxError, InputError } from '../errors.js';
import { classifyLine, headerKind, splitLines } from './lexer.js';
import { specOf } from './schema.js';
import { parseValue, redact, type Warn } from './values.js';
import { checkDocument, sectionField } from './checks.js';
import type { ConfigWarning, DocLine, WgDocument, WgSection } from './types.js';

/** Keys whose empty value wg-quick accepts (it just adds nothing); every other key needs a value. */
const EMPTY_OK = new Set(['Address', 'DNS', 'MTU', 'Table', 'PreUp', 'PostUp', 'PreDown', 'PostDown']);

/** Move comment lines directly above a header (no blank between) into the new section's `leading`. */
function takeLeadingComments(previous: WgSection): DocLine[] {
  let cut = previous.body.length;
  while (cut > 0 && previous.body[cut - 1]!.kind === 'comment') cut--;
  return previous.body.splice(cut);
}

function buildSections(text: string): WgSection[] {
  const sections: WgSection[] = [{ kind: 'preamble', leading: [], body: [] }];
  splitLines(text).forEach(({ text: lineText, eol }, index) => {
    const line = classifyLine(lineText, eol, index + 1);
    const current = sections[sections.length - 1]!;
    const kind = headerKind(line);
    if (kind) {
      sections.push({ kind, leading: takeLeadingComments(current), header: line, body: [] });
    } else {
      current.body.push(line);
    }
  });
  return sections;
}

function checkLine(line: DocLine, section: WgSection, field: string, warn: Warn, lineWarn: Warn): void {
  if (line.kind === 'unknown') {
    lineWarn(
      `Unknown key "${redact(line.keyText ?? '')}" is kept as written, but \`wg\` will refuse the file.`,
    );
    return;
  }
  if (line.kind !== 'entry') return;
  const spec = specOf(line.key!);
  if (section.kind === 'preamble') {
    throw new ConfigSyntaxError(
      field,
      `${spec.key} appears before any section; put it under [${spec.section}].`,
      line.line,
    );
  }
  if (spec.section !== section.kind) {
    throw new ConfigSyntaxError(
      field,
      `${spec.key} belongs in the [${spec.section}] section, not in [${section.kind}].`,
      line.line,
    );
  }
  const value = line.valueText ?? '';
  if (value === '') {
    if (EMPTY_OK.has(spec.key)) return;
    throw new ConfigSyntaxError(
      field,
      `${spec.key} has no value; \`wg\` refuses an empty ${spec.key}.`,
      line.line,
    );
  }
  try {
    parseValue(spec.key, value, field, warn);
  } catch (err) {
    if (err instanceof InputError) throw new ConfigSyntaxError(field, redact(err.message), line.line);
    throw err;
  }
}

/**
 * Parse a wg-quick configuration file.
 * @returns the document (render it to get the same text back) and warnings, each with a line number.
 * @throws ConfigSyntaxError with a field such as `Peer[0].AllowedIPs` (peers counted from 0) and
 * the 1-based line; messages never contain a private or preshared key.
 */
export function parseWgConfig(text: string): { document: WgDocument; warnings: ConfigWarning[] } {
  const warnings: ConfigWarning[] = [];
  const sections = buildSections(text);
  let peerIndex = 0;
  let interfaces = 0;
  for (const section of sections) {
    if (section.kind === 'Interface' && ++interfaces > 1) {
      throw new ConfigSyntaxError(
        'Interface',
        'A second [Interface] section; a file has exactly one. Merge its settings into the first.',
        section.header?.line,
      );
    }
    const prefix = section.kind === 'Peer' ? sectionField('Peer', peerIndex++) : section.kind;
    for (const line of section.body) {
      const keyName = line.key ?? line.keyText ?? 'line';
      const field = section.kind === 'preamble' ? keyName : `${prefix}.${keyName}`;
      const at = line.line ?? 0;
      const warn: Warn = (message) => warnings.push({ field, line: at, message });
      const lineWarn: Warn = (message) =>
        warnings.push({ field, line: at, message, text: redact(line.text) });
      if (section.kind === 'preamble' && line.kind === 'unknown') {
        throw new ConfigSyntaxError(
          field,
          `"${redact(line.text.trim())}" appears before any section; settings go under [Interface] or [Peer].`,
          line.line,
        );
      }
      checkLine(line, section, field, warn, lineWarn);
    }
  }
  if (interfaces === 0) {
    throw new ConfigSyntaxError(
      'Interface',
      'The file has no [Interface] section; add one with at least PrivateKey.',
      1,
    );
  }
  const document: WgDocument = { sections, eol: splitLines(text).find((l) => l.eol !== '')?.eol ?? '\n' };
  warnings.push(...checkDocument(document));
  return { document, warnings: warnings.sort((a, b) => a.line - b.line) };
}
