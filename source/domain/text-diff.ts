/**
 * A small line diff for showing files before they are written: longest common subsequence over
 * lines, then unified-style hunks with a few lines of context. Pure; meant for config files of a
 * few hundred lines (the table is rows × columns of the two texts).
 */

/** One line of a diff: kept, added or removed. */
export interface DiffLine {
  readonly kind: ' ' | '+' | '-';
  readonly text: string;
}

/** One hunk: where it starts in each text (1-based, as `diff -u` counts) and its lines. */
export interface DiffHunk {
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  readonly lines: readonly DiffLine[];
}

/** Split text into lines; a final newline does not make an extra empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Every line of both texts in order, marked kept, added or removed (an LCS edit script). */
export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  const n = before.length;
  const m = after.length;
  // lcs[i][j] = length of the LCS of before[i..] and after[j..]
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] =
        before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      out.push({ kind: ' ', text: before[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      out.push({ kind: '-', text: before[i++]! });
    } else {
      out.push({ kind: '+', text: after[j++]! });
    }
  }
  while (i < n) out.push({ kind: '-', text: before[i++]! });
  while (j < m) out.push({ kind: '+', text: after[j++]! });
  return out;
}

/**
 * The changes between two texts as hunks with `context` unchanged lines around each change
 * (default 3); changes closer than twice the context share a hunk. Empty when the texts are equal.
 */
export function diffHunks(before: string, after: string, context = 3): DiffHunk[] {
  const script = diffLines(splitLines(before), splitLines(after));
  const changed = script.map((l, index) => (l.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  if (changed.length === 0) return [];
  // Group change positions into ranges of the script, each widened by the context.
  const ranges: Array<[number, number]> = [];
  for (const index of changed) {
    const start = Math.max(0, index - context);
    const end = Math.min(script.length - 1, index + context);
    const last = ranges[ranges.length - 1];
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
  }
  // Line numbers in each text before every script position.
  const oldAt: number[] = [];
  const newAt: number[] = [];
  let o = 1;
  let nw = 1;
  for (const line of script) {
    oldAt.push(o);
    newAt.push(nw);
    if (line.kind !== '+') o++;
    if (line.kind !== '-') nw++;
  }
  return ranges.map(([start, end]) => {
    const lines = script.slice(start, end + 1);
    const oldLines = lines.filter((l) => l.kind !== '+').length;
    const newLines = lines.filter((l) => l.kind !== '-').length;
    return {
      oldStart: oldLines === 0 ? oldAt[start]! - 1 : oldAt[start]!,
      oldLines,
      newStart: newLines === 0 ? newAt[start]! - 1 : newAt[start]!,
      newLines,
      lines,
    };
  });
}

/** The `@@ -a,b +c,d @@` header of a hunk. */
export function hunkHeader(hunk: DiffHunk): string {
  return `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`;
}

/**
 * A unified diff body (no `---`/`+++` file lines): each hunk's header, then its lines prefixed
 * with a space, `+` or `-`. Empty when nothing changed.
 */
export function unifiedDiff(before: string, after: string, context = 3): string[] {
  return diffHunks(before, after, context).flatMap((hunk) => [
    hunkHeader(hunk),
    ...hunk.lines.map((l) => `${l.kind}${l.text}`),
  ]);
}
