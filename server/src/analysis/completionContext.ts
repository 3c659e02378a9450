/**
 * Text-level facts about the cursor that completion needs even when the code around it is half typed
 * and the syntax tree has no handler or connect call there yet.
 */
import type { Span } from './model';

/** The identifier being typed at the cursor (possibly empty) and what it should replace. */
export function wordAt(text: string, offset: number): { word: string; span: Span } {
  let start = offset;
  while (start > 0 && /[\w]/.test(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && /[\w]/.test(text[end])) end++;
  return { word: text.slice(start, offset), span: { start, end } };
}

export function linePrefix(text: string, offset: number): string {
  return text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
}

/** True when the cursor sits in a `#`/`//` comment or a one-line string literal on its line. */
export function inCommentOrString(prefix: string, language: 'python' | 'script'): boolean {
  let quote: string | undefined;
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || (c === '`' && language === 'script')) quote = c;
    else if (language === 'python' ? c === '#' : c === '/' && prefix[i + 1] === '/') return true;
  }
  return quote !== undefined;
}

export interface EnclosingCall {
  /** Offset of the opening parenthesis. */
  open: number;
  /** The callee text right before it, e.g. `task_failure.connect`. */
  callee: string;
  calleeEnd: number;
  /** Text of the argument the cursor is in, from after the previous top-level comma. */
  currentArgument: string;
  /** Keyword names already given in the call before the cursor. */
  keywordsBefore: string[];
}

const SEARCH_WINDOW = 4000;

/** The innermost call whose argument list contains the cursor, found by matching parentheses backwards. */
export function enclosingCall(text: string, offset: number): EnclosingCall | undefined {
  let depth = 0;
  let lastComma = offset;
  const commas: number[] = [];
  const floor = Math.max(0, offset - SEARCH_WINDOW);
  for (let i = offset - 1; i >= floor; i--) {
    const c = text[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') {
      if (depth === 0) {
        if (c !== '(') return undefined;
        const before = text.slice(Math.max(0, i - 200), i);
        const callee = /([A-Za-z_$][\w.$]*)\s*$/.exec(before);
        if (!callee) return undefined;
        const keywordsBefore = [...text.slice(i + 1, lastComma).matchAll(/(?:^|,)\s*([A-Za-z_]\w*)\s*=(?!=)/g)].map((m) => m[1]);
        return {
          open: i,
          callee: callee[1],
          calleeEnd: i - (before.length - callee.index - callee[1].length),
          currentArgument: text.slice((commas.length ? lastComma : i) + 1, offset),
          keywordsBefore,
        };
      }
      depth--;
    } else if (c === ',' && depth === 0) {
      if (commas.length === 0) lastComma = i;
      commas.push(i);
    } else if (c === '\n' && depth === 0 && /^\s*(def|class|@)/.test(text.slice(i + 1, offset))) {
      return undefined;
    }
  }
  return undefined;
}
