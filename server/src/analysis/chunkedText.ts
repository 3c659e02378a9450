/**
 * A large document's text as pieces of a few KB each. A flat string of a 300 KB document is one of
 * V8's large objects: each keystroke made a new one, it outlived the young collection that the
 * analysis of that keystroke caused, and then waited in the old generation for the next full
 * collection, about 25 keystrokes (8 MB) later. Replacing one piece instead leaves a few KB behind.
 * The flat text is made only when something asks for all of it, and kept for that version.
 */

import { copiedString } from './ownedStrings';
import type { SourceText } from './sourceText';

/** Pieces hold this many UTF-16 units at most; an edit that leaves one with less than half joins it to the next. */
export const CHUNK_LENGTH = 4 * 1024;

function carriageReturnsIn(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) count++;
  return count;
}

export class ChunkedText implements SourceText {
  private flat?: string;
  /** The piece the last `charCodeAt` read: reads near each other stay in one piece. */
  private lastPiece = 0;

  private constructor(
    private readonly pieces: readonly string[],
    /** Where each piece starts in the text. */
    private readonly starts: readonly number[],
    readonly length: number,
    /** How many `\r` each piece holds: most texts have none, and then no search for one is needed. */
    private readonly carriageReturns: readonly number[],
    private readonly chunkLength: number,
  ) {}

  static of(text: string, chunkLength = CHUNK_LENGTH): ChunkedText {
    const pieces = split(text, chunkLength);
    const starts = new Array<number>(pieces.length);
    let at = 0;
    for (let i = 0; i < pieces.length; i++) {
      starts[i] = at;
      at += pieces[i].length;
    }
    return new ChunkedText(pieces, starts, at, pieces.map(carriageReturnsIn), chunkLength);
  }

  /** The piece holding `offset` (0 <= offset < length). */
  private pieceAt(offset: number): number {
    const last = this.lastPiece;
    if (offset >= this.starts[last] && offset < this.starts[last] + this.pieces[last].length) return last;
    let low = 0;
    let high = this.pieces.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return (this.lastPiece = low);
  }

  charCodeAt(offset: number): number {
    if (!(offset >= 0 && offset < this.length)) return NaN;
    const piece = this.pieceAt(offset);
    return this.pieces[piece].charCodeAt(offset - this.starts[piece]);
  }

  /** The rest of the piece holding `offset` (what a parser reads next), or '' past the end. */
  pieceFrom(offset: number): string {
    if (!(offset >= 0 && offset < this.length)) return '';
    const piece = this.pieceAt(offset);
    return this.pieces[piece].slice(offset - this.starts[piece]);
  }

  charAt(offset: number): string {
    return offset >= 0 && offset < this.length ? String.fromCharCode(this.charCodeAt(offset)) : '';
  }

  /** As String.prototype.slice, for offsets within the text (negative ones are not read from the end). */
  slice(start: number, end = this.length): string {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    if (start === end) return '';
    if (this.flat !== undefined) return this.flat.slice(start, end);
    const first = this.pieceAt(start);
    let text = '';
    for (let i = first; i < this.pieces.length && this.starts[i] < end; i++) {
      text += this.pieces[i].slice(Math.max(0, start - this.starts[i]), end - this.starts[i]);
    }
    return text;
  }

  /** As String.prototype.indexOf, reading the pieces (a match may straddle two of them). */
  indexOf(search: string, from = 0): number {
    from = Math.max(0, Math.trunc(from) || 0);
    if (search.length === 0) return Math.min(from, this.length);
    if (from >= this.length) return -1;
    if (this.flat !== undefined) return this.flat.indexOf(search, from);
    const onlyCarriageReturns = search === '\r';
    for (let i = this.pieceAt(from); i < this.pieces.length; i++) {
      if (onlyCarriageReturns && this.carriageReturns[i] === 0) continue;
      const piece = this.pieces[i];
      const within = Math.max(0, from - this.starts[i]);
      const found = piece.indexOf(search, within);
      if (found >= 0) return this.starts[i] + found;
      // A match that starts in this piece and ends in a later one.
      for (let at = Math.max(within, piece.length - search.length + 1); at < piece.length; at++) {
        if (this.startsWith(search, this.starts[i] + at)) return this.starts[i] + at;
      }
    }
    return -1;
  }

  /** Where the line holding `offset` ends: its first `\n` or `\r` at or after `offset`, or the length. */
  lineEndFrom(offset: number): number {
    offset = Math.max(0, offset);
    for (let i = offset < this.length ? this.pieceAt(offset) : this.pieces.length; i < this.pieces.length; i++) {
      const piece = this.pieces[i];
      const within = Math.max(0, offset - this.starts[i]);
      let end = piece.indexOf('\n', within);
      if (this.carriageReturns[i] > 0) {
        const carriageReturn = piece.indexOf('\r', within);
        if (carriageReturn >= 0 && (end < 0 || carriageReturn < end)) end = carriageReturn;
      }
      if (end >= 0) return this.starts[i] + end;
    }
    return this.length;
  }

  /** As String.prototype.lastIndexOf, reading the pieces backwards from `from`. */
  lastIndexOf(search: string, from = Infinity): number {
    from = Math.min(this.length - search.length, Math.max(0, Number.isNaN(from) ? Infinity : Math.trunc(from)));
    if (from < 0) return -1;
    if (search.length === 0) return from;
    if (this.flat !== undefined) return this.flat.lastIndexOf(search, from);
    for (let i = this.pieceAt(from); i >= 0; i--) {
      const piece = this.pieces[i];
      const start = this.starts[i];
      // Matches that start in this piece and end in a later one come last in it.
      for (let at = Math.min(from - start, piece.length - 1); at > piece.length - search.length; at--) {
        if (this.startsWith(search, start + at)) return start + at;
      }
      const found = piece.lastIndexOf(search, from - start);
      if (found >= 0) return start + found;
    }
    return -1;
  }

  /** As String.prototype.startsWith, comparing characters in place. */
  startsWith(search: string, at = 0): boolean {
    at = Math.min(this.length, Math.max(0, Math.trunc(at) || 0));
    if (at + search.length > this.length) return false;
    if (this.flat !== undefined) return this.flat.startsWith(search, at);
    for (let i = 0; i < search.length; i++) if (this.charCodeAt(at + i) !== search.charCodeAt(i)) return false;
    return true;
  }

  /** True once the flat text of this version was made (tests check that an edit does not make it). */
  get flattened(): boolean {
    return this.flat !== undefined;
  }

  /** The text with [start, oldEnd) replaced by `inserted`: only the pieces the range touches are made anew. */
  replace(start: number, oldEnd: number, inserted: string): ChunkedText {
    start = Math.max(0, Math.min(start, this.length));
    oldEnd = Math.max(start, Math.min(oldEnd, this.length));
    if (this.pieces.length === 0) return ChunkedText.of(inserted, this.chunkLength);
    const first = start === this.length ? this.pieces.length - 1 : this.pieceAt(start);
    let last = oldEnd >= this.length ? this.pieces.length - 1 : this.pieceAt(oldEnd);
    let joined = this.pieces[first].slice(0, start - this.starts[first]) + inserted + this.pieces[last].slice(oldEnd - this.starts[last]);
    // A piece that shrank takes in the next one, so that deletions leave no trail of tiny pieces.
    while (joined.length < this.chunkLength / 2 && last + 1 < this.pieces.length) joined += this.pieces[++last];
    const made = split(joined, this.chunkLength);
    const pieces = [...this.pieces.slice(0, first), ...made, ...this.pieces.slice(last + 1)];
    const delta = inserted.length - (oldEnd - start);
    const starts = new Array<number>(pieces.length);
    const carriageReturns = new Array<number>(pieces.length);
    for (let i = 0; i < first; i++) {
      starts[i] = this.starts[i];
      carriageReturns[i] = this.carriageReturns[i];
    }
    let at = this.starts[first];
    for (let i = 0; i < made.length; i++) {
      starts[first + i] = at;
      carriageReturns[first + i] = carriageReturnsIn(made[i]);
      at += made[i].length;
    }
    for (let i = last + 1, to = first + made.length; i < this.pieces.length; i++, to++) {
      starts[to] = this.starts[i] + delta;
      carriageReturns[to] = this.carriageReturns[i];
    }
    return new ChunkedText(pieces, starts, this.length + delta, carriageReturns, this.chunkLength);
  }

  /** The whole text as one string, made once per version (a large object: asked for only when needed). */
  toString(): string {
    this.flat ??= this.pieces.join('');
    return this.flat;
  }
}

/**
 * `text` cut into pieces of at most `chunkLength` units, as even as possible. Each is a copy: a slice
 * would keep the whole of `text` alive.
 */
function split(text: string, chunkLength: number): string[] {
  const count = Math.ceil(text.length / chunkLength);
  const size = Math.ceil(text.length / count);
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += size) pieces.push(copiedString(text.slice(at, at + size)));
  return pieces;
}
