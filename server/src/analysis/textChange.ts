/**
 * One editor change, normalised once. The new text and the tree-sitter edit are both derived from the
 * same offsets, so an incrementally parsed tree always describes the text it is paired with.
 *
 * Two line models meet here: LSP positions count `\n`, `\r\n` and a lone `\r` as line breaks, while
 * tree-sitter rows count `\n` only (a lone `\r` is an ordinary character to it). Positions are turned
 * into offsets with the LSP model; tree-sitter points are recomputed from the offsets with its own.
 */
import type { Edit, Point } from '../parsing/treeSitter';
import { LineIndex, type Position } from './text';
import type { ChunkedText } from './chunkedText';
import type { SourceText } from './sourceText';

/** A document's text: a string, or a large document's pieces (chunkedText.ts); both read the same. */
export type EditableText = string | ChunkedText;

export interface TextChange {
  /** Absent: `text` replaces the whole document. */
  range?: { start: Position; end: Position };
  text: string;
}

export interface AppliedChange<T extends EditableText = string> {
  text: T;
  /** The line index of the new text, derived from the old one by rescanning only the changed lines. */
  index: LineIndex;
  /** The matching tree-sitter edit; undefined when the whole text was replaced. */
  edit?: Edit;
}

/** Where tree-sitter puts `offset`: rows split at `\n` only, columns in UTF-16 units. */
export function treePointAt(text: EditableText, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/**
 * treePointAt through a line index of the same text: without a `\r` the two line models agree, and
 * the index finds the line by bisection instead of counting every line break before the offset.
 */
function indexedTreePointAt(text: EditableText, index: LineIndex, offset: number): Point {
  if (text.indexOf('\r') >= 0) return treePointAt(text, offset);
  const { line, start } = index.lineAt(offset);
  return { row: line, column: offset - start };
}

/**
 * Applies one change. Out-of-range positions are clamped (a line past the end means the end of the
 * text, a character past the line means the end of that line), a position inside a `\r\n` pair or a
 * surrogate pair moves to the start of the pair, and a range whose start is after its end is read
 * with its ends swapped.
 */
export function applyChange<T extends EditableText>(text: T, change: TextChange, index = new LineIndex(text)): AppliedChange<T> {
  if (!change.range) {
    const replaced = (typeof text === 'string' ? change.text : text.replace(0, text.length, change.text)) as T;
    return { text: replaced, index: new LineIndex(replaced) };
  }
  let startIndex = index.offsetAt(change.range.start);
  let oldEndIndex = index.offsetAt(change.range.end);
  if (startIndex > oldEndIndex) [startIndex, oldEndIndex] = [oldEndIndex, startIndex];
  const next = (typeof text === 'string' ? text.slice(0, startIndex) + change.text + text.slice(oldEndIndex) : text.replace(startIndex, oldEndIndex, change.text)) as T;
  const newEndIndex = startIndex + change.text.length;
  const nextIndex = index.edited(next, startIndex, oldEndIndex, newEndIndex);
  return {
    text: next,
    index: nextIndex,
    edit: {
      startIndex,
      oldEndIndex,
      newEndIndex,
      startPosition: indexedTreePointAt(text, index, startIndex),
      oldEndPosition: indexedTreePointAt(text, index, oldEndIndex),
      newEndPosition: indexedTreePointAt(next, nextIndex, newEndIndex),
    },
  };
}

const isLineBreak = (code: number): boolean => code === 10 || code === 13;

/**
 * A finding's range never covers a line terminator at its end: a syntax error on the `\r` of a CRLF
 * file would otherwise end one character past its line. Returns the same span when nothing changes.
 */
export function withoutTrailingLineBreak<T extends { start: number; end: number }>(span: T, text: SourceText): T {
  let end = span.end;
  while (end > span.start && isLineBreak(text.charCodeAt(end - 1))) end--;
  return end === span.end ? span : { ...span, end };
}
