/**
 * Limits of CPython's tokenizer that tree-sitter does not share: brackets nested more than 200 deep
 * ("too many nested parentheses") and 100 levels of indentation ("too many levels of
 * indentation") make the module fail to compile, so nothing in it ever runs. One linear pass over
 * the text, skipping strings and comments.
 */
import type { SyntaxProblem } from '../model';

const MAX_BRACKET_DEPTH = 200;
/** CPython fails on reaching this many levels. */
const INDENT_LEVELS_LIMIT = 100;

/** The index just past the string literal whose opening quote is at `start`. */
function endOfString(text: string, start: number): number {
  const quote = text[start];
  const triple = text[start + 1] === quote && text[start + 2] === quote;
  let i = start + (triple ? 3 : 1);
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === quote && (!triple || (text[i + 1] === quote && text[i + 2] === quote))) return i + (triple ? 3 : 1);
    else if (!triple && (c === '\n' || c === '\r')) return i;
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

export function nestingProblems(text: string): SyntaxProblem[] {
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
    const c = text[i];
    if (c === '\n' || c === '\r') {
      lineStart = true;
      continued = text[i - 1] === '\\';
      i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (c === '"' || c === "'") {
      i = endOfString(text, i);
    } else if (c === '(' || c === '[' || c === '{') {
      if (++depth > MAX_BRACKET_DEPTH) {
        return [{ span: { start: i, end: i + 1 }, message: `Syntax error: too many nested parentheses (Python allows ${MAX_BRACKET_DEPTH} levels), so the module cannot be imported`, exact: true }];
      }
      i++;
    } else if (c === ')' || c === ']' || c === '}') {
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
