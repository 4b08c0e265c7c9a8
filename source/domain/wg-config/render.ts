/**
 * renderWgConfig: document → text. Every line is written back exactly as stored, so an unedited
 * document reproduces its input byte for byte.
 */
import type { DocLine, WgDocument, WgSection } from './types.js';

/** All lines of a section, in file order. */
export function linesOf(section: WgSection): DocLine[] {
  return [...section.leading, ...(section.header ? [section.header] : []), ...section.body];
}

/** All lines of a document, in file order. */
export function allLines(document: WgDocument): DocLine[] {
  return document.sections.flatMap(linesOf);
}

/** Render a document to the text of a wg-quick file. */
export function renderWgConfig(document: WgDocument): string {
  return allLines(document)
    .map((line) => line.text + line.eol)
    .join('');
}
