/**
 * Limits of CPython's tokenizer that tree-sitter does not share: brackets nested more than 200 deep
 * ("too many nested parentheses") and 100 levels of indentation ("too many levels of
 * indentation") make the module fail to compile, so nothing in it ever runs. One linear pass over
 * the text, skipping strings and comments.
 */
import type { SyntaxProblem } from '../model';
import type { StatementMemo } from './pythonStatementMemo';
import { flatText, type SourceText } from '../sourceText';

const MAX_BRACKET_DEPTH = 200;
/** CPython fails on reaching this many levels. */
const INDENT_LEVELS_LIMIT = 100;
const LF = 10;
const CR = 13;
const HASH = 35;
const QUOTE = 34;
const APOSTROPHE = 39;
const BACKSLASH = 92;

/** The index just past the string literal whose opening quote is at `start`. */
function endOfString(text: string, start: number): number {
  const quote = text.charCodeAt(start);
  const triple = text.charCodeAt(start + 1) === quote && text.charCodeAt(start + 2) === quote;
  let i = start + (triple ? 3 : 1);
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i += 2;
    else if (c === quote && (!triple || (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote))) return i + (triple ? 3 : 1);
    else if (!triple && (c === LF || c === CR)) return i;
    else i++;
  }
  return i;
}

/** Width of the indentation that starts at `start`, tabs to the next multiple of 8 as CPython counts. */
function indentationAt(text: string, start: number): { width: number; end: number } {
  let width = 0;
  let i = start;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === ' ') width++;
    else if (c === '\t') width = (Math.floor(width / 8) + 1) * 8;
    else if (c === '\f') width = 0;
    else break;
  }
  return { width, end: i };
}

/** The characters the scan below acts on, by code. */
const interesting = new Uint8Array(128);
for (const c of '\n\r#"\'()[]{}') interesting[c.charCodeAt(0)] = 1;

/**
 * The module's nesting problem, if any. In a tree without syntax errors every module statement starts
 * where CPython's tokenizer stands at bracket depth 0 and indentation 0, so each statement is scanned
 * on its own (its part depends on its text alone and is kept while the text is unchanged) and the
 * first problem in text order is the module's; with errors, statements do not bound the tokens and
 * the whole text is scanned.
 */
export function moduleNestingProblems(text: SourceText, statements: StatementMemo, wholeText: boolean): SyntaxProblem[] {
  if (wholeText) return nestingProblems(flatText(text));
  const nav = statements.answers.nav;
  const own = (index: number) => statements.textFacts('nesting', index, () => nestingProblems(text.slice(nav.statementStart(index), nav.statementEnd(index))));
  const placed = (index: number) => own(index).map((problem) => ({ ...problem, span: { start: problem.span.start + nav.statementStart(index), end: problem.span.end + nav.statementStart(index) } }));
  // With kept facts an edit scans only the statements it touched; without, the scan stops at the first problem.
  if (statements.remembers) {
    const [first] = statements.statementsWith('nesting', '', (index) => own(index).length > 0);
    return first === undefined ? [] : placed(first);
  }
  for (let index = 0; index < nav.statementCount; index++) if (own(index).length > 0) return placed(index);
  return [];
}

/**
 * A line that starts with 13 spaces, tabs or form feeds. The 100th level of indentation is at least
 * 100 wide, and a tab adds at most 8, so no module reaches it without such a line.
 */
const WIDE_INDENT = /(?:^|[\n\r])[ \t\f]{13}/;
const OPENING_BRACKETS = ['(', '[', '{'];

/** Whether `text` writes at least `wanted` opening brackets (in strings and comments too). */
function opensAtLeast(text: string, wanted: number): boolean {
  if (text.length < wanted) return false;
  let seen = 0;
  for (let b = 0; b < OPENING_BRACKETS.length; b++) {
    const bracket = OPENING_BRACKETS[b];
    for (let at = text.indexOf(bracket); at >= 0; at = text.indexOf(bracket, at + 1)) if (++seen >= wanted) return true;
  }
  return false;
}

/**
 * Looks at the whole of `text` (offsets in the result are offsets into it). Most texts cannot reach
 * either limit, which two native searches tell; scanNesting reads every character in JavaScript.
 */
export function nestingProblems(text: string): SyntaxProblem[] {
  if (!WIDE_INDENT.test(text) && !opensAtLeast(text, MAX_BRACKET_DEPTH + 1)) return [];
  return scanNesting(text);
}

/** The scan itself, exported for the test that holds nestingProblems to it. */
export function scanNesting(text: string): SyntaxProblem[] {
  let depth = 0;
  const indents = [0];
  let lineStart = true;
  let continued = false;
  for (let i = 0; i < text.length; ) {
    if (lineStart && depth === 0 && !continued) {
      const { width, end } = indentationAt(text, i);
      const next = text[end];
      if (next !== undefined && next !== '\n' && next !== '\r' && next !== '#') {
        while (width < indents[indents.length - 1]) indents.pop();
        if (width > indents[indents.length - 1]) indents.push(width);
        if (indents.length - 1 >= INDENT_LEVELS_LIMIT) {
          return [{ span: { start: end, end: end + 1 }, message: `Syntax error: too many levels of indentation (Python stops at ${INDENT_LEVELS_LIMIT}), so the module cannot be imported`, exact: true }];
        }
      }
      i = end;
    }
    lineStart = false;
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      lineStart = true;
      continued = text.charCodeAt(i - 1) === BACKSLASH;
      i++;
    } else if (c === HASH) {
      while (i < text.length && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
    } else if (c === QUOTE || c === APOSTROPHE) {
      i = endOfString(text, i);
    } else if (c === 40 || c === 91 || c === 123) {
      if (++depth > MAX_BRACKET_DEPTH) {
        return [{ span: { start: i, end: i + 1 }, message: `Syntax error: too many nested parentheses (Python allows ${MAX_BRACKET_DEPTH} levels), so the module cannot be imported`, exact: true }];
      }
      i++;
    } else if (c === 41 || c === 93 || c === 125) {
      depth = Math.max(0, depth - 1);
      i++;
    } else {
      // Nothing up to the next line break, comment, quote or bracket changes the state.
      for (i++; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code < 128 && interesting[code] === 1) break;
      }
    }
  }
  return [];
}
