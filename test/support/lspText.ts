/**
 * LSP positions as the protocol defines them, written independently of the server's LineIndex so tests
 * can check it: lines end at `\n`, `\r\n` or a lone `\r`; a character past the line's end means its end.
 */
export interface LspPosition {
  line: number;
  character: number;
}

/** Each line with its terminator. */
function linesOf(text: string): string[] {
  return text.match(/[^\r\n]*(\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

export function lspPositionAt(text: string, offset: number): LspPosition {
  let start = 0;
  let line = 0;
  for (const l of linesOf(text)) {
    if (offset < start + l.length) break;
    start += l.length;
    line++;
  }
  return { line, character: offset - start };
}

export function lspOffsetAt(text: string, position: LspPosition): number {
  const lines = linesOf(text);
  if (position.line >= lines.length) return text.length;
  let start = 0;
  for (let i = 0; i < position.line; i++) start += lines[i].length;
  const content = lines[position.line].replace(/(\r\n|\r|\n)$/, '');
  let offset = start + Math.min(position.character, content.length);
  // A position between the halves of a surrogate pair means the start of the pair.
  if (/[\uD800-\uDBFF]/.test(text[offset - 1] ?? '') && /[\uDC00-\uDFFF]/.test(text[offset] ?? '')) offset--;
  return offset;
}

/** What an LSP change does to a text, a reversed range read with its ends swapped. */
export function applyLspChange(text: string, change: { range?: { start: LspPosition; end: LspPosition }; text: string }): string {
  if (!change.range) return change.text;
  const a = lspOffsetAt(text, change.range.start);
  const b = lspOffsetAt(text, change.range.end);
  return text.slice(0, Math.min(a, b)) + change.text + text.slice(Math.max(a, b));
}
