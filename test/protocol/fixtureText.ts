/** Cursor markers and text-anchored positions for protocol tests (no magic line numbers). */
export interface Position {
  line: number;
  character: number;
}

export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export function offsetAt(text: string, position: Position): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < position.line; i++) offset += lines[i].length + 1;
  return offset + position.character;
}

/** Removes the `$0` marker and returns the text and the marker's position. */
export function withCursor(marked: string): { text: string; position: Position; offset: number } {
  const offset = marked.indexOf('$0');
  if (offset < 0) throw new Error('fixture has no $0 cursor marker');
  const text = marked.slice(0, offset) + marked.slice(offset + 2);
  return { text, position: positionAt(text, offset), offset };
}

/** The range of the `occurrence`-th match of `needle` in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 1): { start: Position; end: Position } {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found in the fixture`);
  }
  return { start: positionAt(text, at), end: positionAt(text, at + needle.length) };
}

export interface LspEdit {
  range: { start: Position; end: Position };
  newText: string;
}

/** Applies non-overlapping LSP text edits to a text, the way an editor does. */
export function applyEdits(text: string, edits: LspEdit[]): string {
  const sorted = edits
    .map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const e of sorted) result = result.slice(0, e.start) + e.newText + result.slice(e.end);
  return result;
}
