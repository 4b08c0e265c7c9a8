/**
 * Showing a value a person typed (or an attacker crafted) inside a message: control characters,
 * quotes and backslashes are escaped and the text is cut, so an error line stays one line and cannot
 * move the cursor or recolour the terminal.
 */

/** Longest part of a value quoted in a message. */
export const SHOWN_MAX = 60;

/** `text` in double quotes, escaped (JSON style) and cut to {@link SHOWN_MAX} characters. */
export function shown(text: string, max = SHOWN_MAX): string {
  const chars = [...text];
  const cut = chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
  return JSON.stringify(cut).replace(/[\u007f-\u009f\u2028\u2029]/g, (ch) => {
    return `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`;
  });
}
