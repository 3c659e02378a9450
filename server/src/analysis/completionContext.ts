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
  /** A comma precedes the cursor: this is not the first argument. */
  afterComma: boolean;
}

const SEARCH_WINDOW = 4000;

interface OpenBracket {
  open: number;
  bracket: '(' | '[' | '{';
  /** From after the previous top-level comma (or the bracket) to the cursor. */
  segment: string;
  /** Everything between the bracket and the cursor. */
  inside: string;
  /** True when a comma precedes the cursor inside the bracket. */
  afterComma: boolean;
}

/** The innermost bracket still open at the cursor, found by matching brackets backwards. */
function innermostOpen(text: string, offset: number): OpenBracket | undefined {
  let depth = 0;
  let lastComma = -1;
  const floor = Math.max(0, offset - SEARCH_WINDOW);
  for (let i = offset - 1; i >= floor; i--) {
    const c = text[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') {
      if (depth === 0) {
        return { open: i, bracket: c, segment: text.slice((lastComma >= 0 ? lastComma : i) + 1, offset), inside: text.slice(i + 1, offset), afterComma: lastComma >= 0 };
      }
      depth--;
    } else if (c === ',' && depth === 0 && lastComma < 0) lastComma = i;
    else if (c === '\n' && depth === 0 && /^\s*(def|class|@)/.test(text.slice(i + 1, offset))) return undefined;
  }
  return undefined;
}

function callAt(text: string, open: OpenBracket): EnclosingCall | undefined {
  const before = text.slice(Math.max(0, open.open - 200), open.open);
  const callee = /([A-Za-z_$][\w.$]*)\s*$/.exec(before);
  if (!callee) return undefined;
  return {
    open: open.open,
    callee: callee[1],
    calleeEnd: open.open - (before.length - callee.index - callee[1].length),
    currentArgument: open.segment,
    keywordsBefore: [...open.inside.matchAll(/(?:^|,)\s*([A-Za-z_]\w*)\s*=(?!=)/g)].map((m) => m[1]),
    afterComma: open.afterComma,
  };
}

/** The innermost call whose argument list contains the cursor. */
export function enclosingCall(text: string, offset: number): EnclosingCall | undefined {
  const open = innermostOpen(text, offset);
  return open?.bracket === '(' ? callAt(text, open) : undefined;
}

/**
 * The object literal the cursor is in when it is a later argument of a call (`connect(h, { | })`):
 * the call, with `currentArgument` the property being typed and `keywordsBefore` the keys given.
 */
export function enclosingOptionsObject(text: string, offset: number): EnclosingCall | undefined {
  const object = innermostOpen(text, offset);
  if (object?.bracket !== '{') return undefined;
  const call = innermostOpen(text, object.open);
  if (call?.bracket !== '(' || !call.afterComma) return undefined;
  const enclosing = callAt(text, call);
  if (!enclosing) return undefined;
  const keys = [...object.inside.matchAll(/(?:^|,)\s*([A-Za-z_]\w*)\s*:/g)].map((m) => m[1]);
  return { ...enclosing, currentArgument: object.segment, keywordsBefore: keys };
}
