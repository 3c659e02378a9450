/**
 * Where a Python text is prose rather than code: its comments, and the strings that are a statement
 * of their own (docstrings, and any other string written alone on its logical line). No front end
 * finds a fact there: a comment is no syntax at all, and a string statement is evaluated and dropped.
 * A string anywhere else is code for this purpose, since its value may be read
 * (`getattr(signals, "task_failure")` names a signal).
 *
 * The scanner reads Python's tokens only as far as strings, comments, brackets and line ends go. An
 * f-string is code (its replacement fields are), and is read through to find its end. What the
 * scanner cannot place with certainty ends its work, and everything from there on counts as code: an
 * f-string written in a way Python versions read differently (PEP 701 lets a field hold quotes of the
 * f-string's own kind, backslashes and comments), a string prefix Python 3 rejects, or a string left
 * open. So it can only ever call code prose where Python itself would reject the text;
 * test/python-prose.test.ts holds it to tree-sitter's reading.
 */

const HASH = 0x23;
const BACKSLASH = 0x5c;
const LF = 0x0a;
const CR = 0x0d;

/** The string prefixes Python 3 accepts (case aside); at any other, the scanner stops. */
const PLAIN_PREFIXES = new Set(['r', 'u', 'b', 'br', 'rb']);
const FORMAT_PREFIXES = new Set(['f', 'fr', 'rf']);

function isWordCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code >= 0x80;
}

function isBlankCode(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0c;
}

export class PythonProse {
  /** Prose found so far, in text order: start and end offsets, flat. */
  private readonly ranges: number[] = [];
  /** Everything before this offset has been read. */
  private scanned = 0;
  /** From here on the scanner could not tell (see above): all of it counts as code. */
  private unsureFrom = Infinity;
  private depth = 0;
  /** Only blanks since the last line end that ended a logical line (or since the start). */
  private atLogicalLineStart = true;

  constructor(private readonly text: string) {}

  /** True when the character at `offset` is in a comment or a string statement. */
  isProse(offset: number): boolean {
    while (this.scanned <= offset && this.scanned < this.text.length && this.unsureFrom === Infinity) this.step();
    if (offset >= this.unsureFrom) return false;
    const ranges = this.ranges;
    // The last range starting at or before the offset.
    let low = 0;
    let high = ranges.length / 2 - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (ranges[2 * middle] <= offset) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found >= 0 && offset < ranges[2 * found + 1];
  }

  /** Every stretch of prose, as [start, end) pairs, up to where the scanner stopped. */
  proseRanges(): [number, number][] {
    this.isProse(this.text.length);
    const pairs: [number, number][] = [];
    for (let i = 0; i < this.ranges.length; i += 2) if (this.ranges[i] < this.unsureFrom) pairs.push([this.ranges[i], this.ranges[i + 1]]);
    return pairs;
  }

  /** Reads one token (or blank, bracket or line end) at `scanned`. */
  private step(): void {
    const text = this.text;
    const at = this.scanned;
    const code = text.charCodeAt(at);
    if (code === HASH) {
      const end = lineEnd(text, at);
      this.ranges.push(at, end);
      this.scanned = end;
      return;
    }
    if (code === LF || code === CR) {
      if (this.depth === 0) this.atLogicalLineStart = true;
      this.scanned = at + 1;
      return;
    }
    if (isBlankCode(code)) {
      this.scanned = at + 1;
      return;
    }
    if (code === BACKSLASH) {
      // A line continued with a backslash goes on with the same logical line.
      this.atLogicalLineStart = false;
      const next = text.charCodeAt(at + 1);
      this.scanned = next === CR && text.charCodeAt(at + 2) === LF ? at + 3 : next === LF || next === CR ? at + 2 : at + 1;
      return;
    }
    if (code === 0x22 || code === 0x27) return this.string(at, at, '');
    if (isWordCode(code)) {
      let end = at + 1;
      while (end < text.length && isWordCode(text.charCodeAt(end))) end++;
      const after = text.charCodeAt(end);
      if (after === 0x22 || after === 0x27) return this.string(at, end, text.slice(at, end).toLowerCase());
      this.atLogicalLineStart = false;
      this.scanned = end;
      return;
    }
    if (code === 0x28 || code === 0x5b || code === 0x7b) this.depth++;
    else if ((code === 0x29 || code === 0x5d || code === 0x7d) && this.depth > 0) this.depth--;
    this.atLogicalLineStart = false;
    this.scanned = at + 1;
  }

  /** A string token starting at `start` (its prefix) whose quote is at `quoteAt`. */
  private string(start: number, quoteAt: number, prefix: string): void {
    const text = this.text;
    const format = FORMAT_PREFIXES.has(prefix);
    const end = format ? formatStringEnd(text, quoteAt) : PLAIN_PREFIXES.has(prefix) || prefix === '' ? plainStringEnd(text, quoteAt) : -1;
    if (end < 0) {
      // Left open, or not told apart for sure (a prefix Python 3 rejects, an f-string written in a way
      // Python versions read differently): tree-sitter may read what follows as code.
      this.unsureFrom = start;
      return;
    }
    // An f-string's replacement fields are code, even in a statement of its own.
    if (!format && this.atLogicalLineStart && endsLine(text, end)) this.ranges.push(start, end);
    this.atLogicalLineStart = false;
    this.scanned = end;
  }
}

function opening(text: string, at: number): { quote: number; triple: boolean; bodyAt: number } {
  const quote = text.charCodeAt(at);
  const triple = text.charCodeAt(at + 1) === quote && text.charCodeAt(at + 2) === quote;
  return { quote, triple, bodyAt: at + (triple ? 3 : 1) };
}

function closesAt(text: string, at: number, quote: number, triple: boolean): number {
  if (text.charCodeAt(at) !== quote) return -1;
  if (!triple) return at + 1;
  return text.charCodeAt(at + 1) === quote && text.charCodeAt(at + 2) === quote ? at + 3 : -1;
}

/** Where a string without `f` that opens at `at` ends, or -1 when it is left open. */
function plainStringEnd(text: string, at: number): number {
  const { quote, triple, bodyAt } = opening(text, at);
  for (let i = bodyAt; i < text.length; ) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) {
      // Even in a raw string a backslash keeps the next character (a quote, a line end) in the string.
      i += text.charCodeAt(i + 1) === CR && text.charCodeAt(i + 2) === LF ? 3 : 2;
      continue;
    }
    const end = closesAt(text, i, quote, triple);
    if (end >= 0) return end;
    if (!triple && (code === LF || code === CR)) return -1;
    i++;
  }
  return -1;
}

/**
 * Where an f-string that opens at `at` ends, or -1 when that is not certain. Inside a replacement
 * field, a quote of the f-string's own kind, a backslash or a comment is read differently before and
 * after Python 3.12 (PEP 701), so they give up, as do a nested f-string and a backslash before a brace.
 */
function formatStringEnd(text: string, at: number): number {
  const { quote, triple, bodyAt } = opening(text, at);
  return literalEnd(text, bodyAt, quote, triple, false);
}

/** The literal part of an f-string (or of a format spec, `inSpec`, which ends at its field's `}`). */
function literalEnd(text: string, at: number, quote: number, triple: boolean, inSpec: boolean): number {
  for (let i = at; i < text.length; ) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) {
      const next = text.charCodeAt(i + 1);
      if (next === 0x7b || next === 0x7d || inSpec) return -1;
      i += next === CR && text.charCodeAt(i + 2) === LF ? 3 : 2;
      continue;
    }
    if (code === quote) {
      if (inSpec) return -1;
      const end = closesAt(text, i, quote, triple);
      if (end >= 0) return end;
    }
    if (!triple && (code === LF || code === CR)) return -1;
    if (code === 0x7b) {
      if (!inSpec && text.charCodeAt(i + 1) === 0x7b) {
        i += 2;
        continue;
      }
      i = fieldEnd(text, i + 1, quote, triple);
      if (i < 0) return -1;
      continue;
    }
    if (code === 0x7d) {
      if (inSpec) return i + 1;
      i += text.charCodeAt(i + 1) === 0x7d ? 2 : 1;
      continue;
    }
    i++;
  }
  return -1;
}

/** A replacement field's expression from `at` (after its `{`), through its `}`. */
function fieldEnd(text: string, at: number, quote: number, triple: boolean): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === quote || code === BACKSLASH || code === HASH) return -1;
    if (!triple && (code === LF || code === CR)) return -1;
    if (code === 0x22 || code === 0x27) {
      // A string of the other kind inside the field; one with a prefix other than r, u or b gives up.
      let wordStart = i;
      while (wordStart > at && isWordCode(text.charCodeAt(wordStart - 1))) wordStart--;
      const prefix = text.slice(wordStart, i).toLowerCase();
      if (prefix !== '' && !PLAIN_PREFIXES.has(prefix)) return -1;
      const end = plainStringEnd(text, i);
      if (end < 0) return -1;
      i = end - 1;
      continue;
    }
    if (code === 0x28 || code === 0x5b || code === 0x7b) depth++;
    else if (code === 0x29 || code === 0x5d) depth = Math.max(0, depth - 1);
    else if (code === 0x7d) {
      if (depth === 0) return i + 1;
      depth--;
    } else if (code === 0x3a && depth === 0) return literalEnd(text, i + 1, quote, triple, true);
  }
  return -1;
}

/** The offset of the line end at or after `at` (or the text's end). */
function lineEnd(text: string, at: number): number {
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code === LF || code === CR) return at;
    at++;
  }
  return at;
}

/** Only blanks, then a line end, a comment or the text's end, from `at` on. */
function endsLine(text: string, at: number): boolean {
  while (at < text.length && isBlankCode(text.charCodeAt(at))) at++;
  if (at >= text.length) return true;
  const code = text.charCodeAt(at);
  return code === LF || code === CR || code === HASH;
}
