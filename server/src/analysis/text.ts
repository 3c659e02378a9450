/** Converts between UTF-16 offsets (what the model uses) and zero-based line/character positions. */
import type { Span } from './model';

export interface Position {
  line: number;
  character: number;
}

export interface LineRange {
  start: Position;
  end: Position;
}

/** What a line index reads of its text: a string, or the pieces of a large document (chunkedText.ts). */
export interface TextSource {
  readonly length: number;
  charCodeAt(index: number): number;
  indexOf(search: string, from?: number): number;
}

/**
 * From this many characters on, line starts are found by searching for line feeds rather than by
 * reading every character: on a 534 KB document held in pieces, reading each character through the
 * pieces kept the main thread busy for about 20 ms when the first diagnostics were converted.
 * Shorter ranges (a keystroke's) are read directly, since a search for `\r` may run to the text's end.
 */
const SEARCHED_RANGE = 256;

/** Appends the line starts that the characters [from, to) of `text` begin (each a line break's end). */
function pushLineStarts(text: TextSource, from: number, to: number, starts: number[]): void {
  if (to - from >= SEARCHED_RANGE) {
    const carriageReturn = text.indexOf('\r', from);
    // Without a `\r` in the range, every line starts after a `\n`.
    if (carriageReturn < 0 || carriageReturn >= to) {
      for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      return;
    }
  }
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
}

/** Lines from `line` on start `delta` units later than the starts an edited index shares say. */
interface Shift {
  line: number;
  delta: number;
}

/**
 * Past this many shifts an edited index makes its own line starts again (a lookup adds them up).
 * Typing on one line adds to one shift: the starts (8 bytes a line) are then not copied per keystroke.
 */
const MAX_SHIFTS = 8;

/** `shifts` with the lines from `line` on moved by `delta` more. */
function withShift(shifts: readonly Shift[], line: number, delta: number): Shift[] {
  const same = shifts.findIndex((shift) => shift.line === line);
  if (same < 0) return [...shifts, { line, delta }];
  const moved = shifts[same].delta + delta;
  return moved === 0 ? shifts.filter((_, i) => i !== same) : shifts.map((shift, i) => (i === same ? { line, delta: moved } : shift));
}

export class LineIndex {
  private knownStarts?: number[];

  /**
   * `lineStarts` is for `edited` only: the starts of `text`'s lines, already known. Otherwise they are
   * found the first time a position is asked for (the analysis thread makes indexes it never reads).
   * `shifts` (also for `edited` only) move the lines after earlier edits, in `lineStarts` shared with
   * the index before them.
   */
  constructor(
    private readonly text: TextSource,
    lineStarts?: number[],
    private readonly shifts: readonly Shift[] = [],
  ) {
    this.knownStarts = lineStarts;
  }

  private get lineStarts(): number[] {
    if (!this.knownStarts) pushLineStarts(this.text, 0, this.text.length, (this.knownStarts = [0]));
    return this.knownStarts;
  }

  private startOf(line: number): number {
    let start = this.lineStarts[line];
    // Indexed: a binary search calls this often, and an unoptimised for-of makes objects per step.
    for (let i = 0; i < this.shifts.length; i++) if (line >= this.shifts[i].line) start += this.shifts[i].delta;
    return start;
  }

  /** How many lines start at or before `limit`. */
  private linesUpTo(limit: number): number {
    let low = 0;
    let high = this.lineStarts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.startOf(mid) <= limit) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** True when this index was made for exactly `text` (the same string, so no comparison is needed). */
  describes(text: TextSource): boolean {
    return this.text === text;
  }

  /**
   * The index of `text`, which is this index's text with [start, oldEnd) replaced by text[start,
   * newEnd). Only the replaced characters and the one before them (a `\r` whose `\n` may have
   * changed) are scanned; the lines after the edit are moved, not found again.
   */
  edited(text: TextSource, start: number, oldEnd: number, newEnd: number): LineIndex {
    const lineCount = this.lineStarts.length;
    // A line start p is decided by the characters at p - 1 and p.
    const keptBefore = Math.max(1, this.linesUpTo(start - 1));
    const found: number[] = [];
    pushLineStarts(text, Math.max(0, start - 1), newEnd, found);
    const delta = newEnd - oldEnd;
    const movedFrom = this.linesUpTo(oldEnd);
    const sameLines = found.length === movedFrom - keptBefore && found.every((at, i) => at === this.startOf(keptBefore + i));
    if (sameLines && (delta === 0 || movedFrom === lineCount)) return new LineIndex(text, this.lineStarts, this.shifts);
    if (sameLines && this.shifts.length < MAX_SHIFTS) return new LineIndex(text, this.lineStarts, withShift(this.shifts, movedFrom, delta));
    // Made at its final length.
    const starts = new Array<number>(keptBefore + found.length + lineCount - movedFrom);
    for (let i = 0; i < keptBefore; i++) starts[i] = this.startOf(i);
    for (let i = 0; i < found.length; i++) starts[keptBefore + i] = found[i];
    for (let i = movedFrom, at = keptBefore + found.length; i < lineCount; i++, at++) starts[at] = this.startOf(i) + delta;
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = this.snapped(Math.max(0, Math.min(offset, this.text.length)));
    const low = this.linesUpTo(clamped) - 1;
    // An offset between the \r and \n of one line break is not a position editors know: use the line's end.
    const insideBreak = this.text.charCodeAt(clamped - 1) === 13 && this.text.charCodeAt(clamped) === 10;
    return { line: low, character: clamped - this.startOf(low) - (insideBreak ? 1 : 0) };
  }

  /**
   * As LSP reads positions: a line past the end is the end of the text, a character past the end of
   * its line is the end of that line (before its terminator).
   */
  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.startOf(position.line);
    let end = position.line + 1 < this.lineStarts.length ? this.startOf(position.line + 1) : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.snapped(Math.max(start, Math.min(start + Math.max(0, position.character), end)));
  }

  /** An offset inside a `\r\n` pair or a surrogate pair moves to the start of the pair. */
  private snapped(offset: number): number {
    if (offset <= 0 || offset >= this.text.length) return offset;
    const before = this.text.charCodeAt(offset - 1);
    const at = this.text.charCodeAt(offset);
    if (before === 13 && at === 10) return offset - 1;
    if (before >= 0xd800 && before <= 0xdbff && at >= 0xdc00 && at <= 0xdfff) return offset - 1;
    return offset;
  }

  /** The line holding `offset` (between 0 and the text's length) and its start, with no snapping. */
  lineAt(offset: number): { line: number; start: number } {
    const line = this.linesUpTo(offset) - 1;
    return { line, start: this.startOf(line) };
  }

  rangeOf(span: Span): LineRange {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}

/** The index of the line holding `offset`, given the offsets where lines start (ascending, from 0). */
export function lineContaining(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
