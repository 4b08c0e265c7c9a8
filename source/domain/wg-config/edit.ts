/**
 * applyConfig: turn a document into one that says exactly the desired settings, changing as few
 * lines as possible. Unchanged values keep their line byte for byte; a changed value rewrites only
 * its value (key spelling, spacing and trailing comment stay); removed keys and peers disappear;
 * new keys go to their canonical place; new peers are appended. Peers are matched by public key.
 * Comments and unknown keys of kept sections survive; a peer's name is written as a comment marked
 * `# wg-site`, and only such a marked line is ever rewritten (see own-marker.ts). The input document is not modified.
 */
import { checkDesired, desiredOf, formatValue, keysOf, sameValue } from './desired.js';
import {
  blankLine,
  commentLine,
  entryLine,
  headerLine,
  insertionIndex,
  withComment,
  withValue,
} from './lines.js';
import { withOwnMarker } from './own-marker.js';
import { currentOf, entriesOf, nameLineOf, nameText, ownNameLineOf, readPeer } from './read.js';
import { allLines, linesOf, renderWgConfig } from './render.js';
import { specOf } from './schema.js';
import type {
  DocLine,
  InterfaceSettings,
  KnownKey,
  PeerSettings,
  WgDocument,
  WgSection,
  WgSettings,
} from './types.js';

function replaceLine(section: WgSection, old: DocLine, next: DocLine): void {
  for (const list of [section.leading, section.body]) {
    const at = list.indexOf(old);
    if (at >= 0) list[at] = next;
  }
}

function removeLines(section: WgSection, lines: readonly DocLine[]): void {
  section.body = section.body.filter((line) => !lines.includes(line));
}

/** Longest common subsequence of two string lists, as pairs of matched indexes. */
function lcsPairs(a: readonly string[], b: readonly string[]): Map<number, number> {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i]![j] =
        a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const pairs = new Map<number, number>();
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) pairs.set(j++, i++);
    else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/** Hooks run in order, so keep every line whose command stays, and insert new ones in sequence. */
function editHooks(
  section: WgSection,
  key: KnownKey,
  lines: DocLine[],
  desired: string[],
  eol: string,
): void {
  const pairs = lcsPairs(
    lines.map((line) => line.valueText ?? ''),
    desired,
  );
  const kept = new Set([...pairs.values()].map((i) => lines[i]!));
  removeLines(
    section,
    lines.filter((line) => !kept.has(line)),
  );
  const firstKept = lines.find((line) => kept.has(line));
  let anchor: DocLine | undefined;
  desired.forEach((command, j) => {
    const match = pairs.get(j);
    if (match !== undefined) {
      anchor = lines[match]!;
      return;
    }
    const line = entryLine(key, command, eol);
    const body = section.body;
    const at = anchor
      ? body.indexOf(anchor) + 1
      : firstKept
        ? body.indexOf(firstKept)
        : insertionIndex(section, key);
    body.splice(at, 0, line);
    anchor = line;
  });
}

function editKey(section: WgSection, key: KnownKey, lines: DocLine[], desired: unknown, eol: string): void {
  const shape = specOf(key).shape;
  if (shape === 'hook') return editHooks(section, key, lines, desired as string[], eol);
  const empty = desired === undefined || (Array.isArray(desired) && desired.length === 0);
  if (empty) return removeLines(section, lines);
  const text = formatValue(key, desired as string);
  const keep = shape === 'scalar' ? lines[lines.length - 1] : lines[0];
  if (!keep) {
    section.body.splice(insertionIndex(section, key), 0, entryLine(key, text, eol));
    return;
  }
  replaceLine(section, keep, withValue(keep, text));
  removeLines(
    section,
    lines.filter((line) => line !== keep),
  );
}

function editSection(section: WgSection, settings: InterfaceSettings | PeerSettings, eol: string): void {
  const kind = section.kind === 'Peer' ? 'Peer' : 'Interface';
  const entries = entriesOf(section);
  for (const key of keysOf(kind)) {
    const lines = entries.get(key) ?? [];
    const desired = desiredOf(key, settings);
    if (sameValue(key, currentOf(key, lines), desired)) continue;
    editKey(section, key, lines, desired, eol);
  }
  const name = (settings as PeerSettings).name?.trim();
  if (kind !== 'Peer' || name === undefined) return;
  // Any comment that already gives this name stays as it is; otherwise only wg-site's own (marked)
  // name line is rewritten, and the admin's comments above or inside the block are left alone.
  const nameLine = nameLineOf(section);
  if (nameLine && nameText(nameLine) === name) return;
  const own = ownNameLineOf(section);
  if (own) replaceLine(section, own, withComment(own, withOwnMarker(name)));
  else section.body.unshift(commentLine(withOwnMarker(name), eol));
}

/** Remove a section with the blank lines that separated it from the one before. */
function removeSection(document: WgDocument, section: WgSection): void {
  const at = document.sections.indexOf(section);
  const previous = document.sections[at - 1]!;
  while (previous.body.length > 0 && previous.body[previous.body.length - 1]!.kind === 'blank')
    previous.body.pop();
  let ownBlanks = section.body.length;
  while (ownBlanks > 0 && section.body[ownBlanks - 1]!.kind === 'blank') ownBlanks--;
  previous.body.push(...section.body.slice(ownBlanks));
  document.sections.splice(at, 1);
}

/** The document's last line, found from the end (appending many peers stays linear). */
function lastLineOf(document: WgDocument): DocLine | undefined {
  for (let i = document.sections.length - 1; i >= 0; i--) {
    const lines = linesOf(document.sections[i]!);
    if (lines.length > 0) return lines[lines.length - 1];
  }
  return undefined;
}

function appendPeer(document: WgDocument, peer: PeerSettings): void {
  const lastLine = lastLineOf(document);
  if (lastLine && lastLine.kind !== 'blank')
    document.sections[document.sections.length - 1]!.body.push(blankLine(document.eol));
  const section: WgSection = {
    kind: 'Peer',
    leading: [],
    header: headerLine('Peer', document.eol),
    body: [],
  };
  document.sections.push(section);
  editSection(section, peer, document.eol);
}

/** Give every line but the last a line ending; the last keeps the file's final-newline state. */
function fixLineEnds(document: WgDocument, finalNewline: boolean): void {
  const lines = allLines(document);
  lines.forEach((line, n) => {
    if (n < lines.length - 1) line.eol ||= document.eol;
    else line.eol = finalNewline ? line.eol || document.eol : '';
  });
}

function skeleton(): WgDocument {
  return {
    sections: [
      { kind: 'preamble', leading: [], body: [] },
      { kind: 'Interface', leading: [], header: headerLine('Interface', '\n'), body: [] },
    ],
    eol: '\n',
  };
}

/**
 * Produce a document for `desired`, editing `previous` (not modified) or, with no previous document,
 * building a clean canonical file.
 * @throws InputError subclasses naming fields like `Peer[1].Endpoint` when a desired value is invalid.
 */
export function applyConfig(previous: WgDocument | undefined, desired: WgSettings): WgDocument {
  checkDesired(desired);
  const document = previous ? structuredClone(previous) : skeleton();
  const oldLines = allLines(document);
  const finalNewline = oldLines.length === 0 || oldLines[oldLines.length - 1]!.eol !== '';
  let iface = document.sections.find((s) => s.kind === 'Interface');
  if (!iface) {
    iface = { kind: 'Interface', leading: [], header: headerLine('Interface', document.eol), body: [] };
    document.sections.splice(1, 0, iface);
  }
  editSection(iface, desired.interface, document.eol);
  const wanted = new Map(desired.peers.map((peer) => [peer.publicKey.trim(), peer]));
  const matched = new Set<string>();
  for (const section of document.sections.filter((s) => s.kind === 'Peer')) {
    const key = readPeer(section).publicKey;
    const peer = wanted.get(key);
    if (peer && !matched.has(key)) {
      matched.add(key);
      editSection(section, peer, document.eol);
    } else {
      removeSection(document, section);
    }
  }
  for (const peer of desired.peers) if (!matched.has(peer.publicKey.trim())) appendPeer(document, peer);
  fixLineEnds(document, finalNewline);
  return document;
}

/** Render a clean, canonical wg-quick file for the desired settings. */
export function renderFresh(desired: WgSettings): string {
  return renderWgConfig(applyConfig(undefined, desired));
}
