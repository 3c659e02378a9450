/**
 * What the analysis reads of a document's text. A `string` is one; so are the pieces of a large
 * document (chunkedText.ts), which the analysis thread keeps so that an edit does not make a flat copy
 * of the whole text (a V8 large object that lives until the next full collection) for every version.
 * Reading a slice or a character is cheap either way; `toString()` makes the flat text of a large
 * document (once per version), so only a whole-text scan that nothing per statement can replace asks
 * for it, and none on the path of an edit.
 */
export interface SourceText {
  readonly length: number;
  charCodeAt(index: number): number;
  charAt(index: number): string;
  slice(start: number, end?: number): string;
  indexOf(search: string, from?: number): number;
  lastIndexOf(search: string, from?: number): number;
  startsWith(search: string, at?: number): boolean;
  toString(): string;
}

/** The whole text as one string: `text` itself when it is one (see SourceText.toString). */
export function flatText(text: SourceText): string {
  return typeof text === 'string' ? text : text.toString();
}

/**
 * `pattern` (sticky, no lookbehind) matched at `at`, as `pattern.exec` would on the flat text. Pieces
 * are read through a window that grows while the match reaches its end.
 */
export function matchAt(text: SourceText, pattern: RegExp, at: number): RegExpExecArray | null {
  if (typeof text === 'string') {
    pattern.lastIndex = at;
    return pattern.exec(text);
  }
  for (let window = 256; ; window *= 4) {
    const end = Math.min(text.length, at + window);
    pattern.lastIndex = 0;
    const match = pattern.exec(text.slice(at, end));
    // Short of the window's end (a surrogate pair may be cut at its last unit), the match is whole.
    if (!match || end === text.length || at + match[0].length < end - 1) {
      if (match) match.index += at;
      return match;
    }
  }
}
