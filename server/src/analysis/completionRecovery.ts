/**
 * Parameter completion while the handler's header is still being typed (`def on_fail(|`,
 * `connect(({ |`, `connect(lambda |`): the error-tolerant tree has no handler there yet. Looking back
 * from the cursor, the header is closed the shortest way that parses (the rest of the header's line
 * is kept, a stub body added, the enclosing call closed), the rest of the file follows unchanged, and
 * the front end reads that text. Everything before the cursor is untouched, so offsets up to the
 * cursor mean the same in both texts.
 */
import type { Catalog } from '../catalog/catalog';
import { parseText, type Grammar } from '../parsing/treeSitter';
import { extractModel } from './analyze';
import { completeAt, type CompletionEntry, type CompletionInput } from './completion';
import { wordAt } from './completionContext';
import { completeHandlerParams, siteAround } from './completionParams';
import type { SourceLanguage } from './model';

/** Stands in for the name not typed yet, so an empty slot is still a parameter of the tree. */
export const CURSOR_PLACEHOLDER = '__cursor__';

interface Opener {
  index: number;
  char: '(' | '[' | '{';
}

const CLOSER: Record<Opener['char'], string> = { '(': ')', '[': ']', '{': '}' };
const LOOK_BACK = 2000;

/**
 * Brackets still open at the offset, innermost first, back to the start of the statement: a `;` or
 * a line starting at column 0 outside every bracket ends the search.
 */
function openBrackets(text: string, offset: number): Opener[] {
  const open: Opener[] = [];
  let depth = 0;
  const floor = Math.max(0, offset - LOOK_BACK);
  for (let i = offset - 1; i >= floor; i--) {
    const c = text[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') {
      if (depth === 0) open.push({ index: i, char: c });
      else depth--;
    } else if (depth === 0 && c === ';' && open.length) break;
    else if (depth === 0 && c === '\n' && /^[^\s)\]}]/.test(text.slice(i + 1, i + 2)) && open.length) {
      // The statement starts on the line after this newline; nothing before it is still open.
      break;
    }
  }
  return open;
}

type HeaderKind = 'def' | 'lambda' | 'arrow' | 'function';

interface Header {
  kind: HeaderKind;
  /** Index in the opener list of the parameter list's own bracket (`(`, or nothing for a lambda). */
  listDepth: number;
}

function headerAt(text: string, offset: number, open: Opener[], language: SourceLanguage): Header | undefined {
  if (language === 'python') {
    const inner = open[0];
    if (!inner || inner.char !== '(') return undefined;
    if (/\bdef\s+[A-Za-z_]\w*\s*$/.test(text.slice(Math.max(0, inner.index - 200), inner.index))) return { kind: 'def', listDepth: 0 };
    // `connect(lambda a, |`: the lambda's parameters have no bracket of their own.
    const segment = text.slice(inner.index + 1, offset);
    const lastComma = topLevelComma(segment);
    if (/^\s*lambda\b[^:()[\]{}]*$/.test(segment.slice(lastComma + 1)) && /\.connect\s*$/.test(text.slice(Math.max(0, inner.index - 200), inner.index))) {
      return { kind: 'lambda', listDepth: -1 };
    }
    return undefined;
  }
  // TypeScript/JavaScript: `({ |` (an object pattern) or `(a, |` directly in the parameter list.
  const listDepth = open[0]?.char === '{' ? 1 : 0;
  const list = open[listDepth];
  // A pattern is a parameter of its own: right after `(` or after a comma.
  if (!list || list.char !== '(' || (listDepth === 1 && !/(^|,)\s*$/.test(text.slice(list.index + 1, open[0].index)))) return undefined;
  const before = text.slice(Math.max(0, list.index - 200), list.index);
  if (/\bfunction\b\s*\*?\s*[\w$]*\s*$/.test(before)) return { kind: 'function', listDepth };
  // An arrow's list follows `(` or `,` inside a call, or `=`, `:` or `async`; never a callee name.
  if (/(^|[(,]|\basync)\s*$/.test(before) && open[listDepth + 1]) return { kind: 'arrow', listDepth };
  if (/[=:]\s*(async\s*)?$/.test(before)) return { kind: 'arrow', listDepth };
  // A method under a connect decorator: `@task_failure.connect` then `static onFail(`.
  if (/@[\w$.]+\.connect\b[^\n]*\n\s*((static|async|public|private|protected|readonly)\s+)*[\w$]+\s*$/.test(before)) return { kind: 'function', listDepth };
  return undefined;
}

function topLevelComma(segment: string): number {
  let depth = 0;
  for (let i = segment.length - 1; i >= 0; i--) {
    const c = segment[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') depth--;
    else if (c === ',' && depth === 0) return i;
  }
  return -1;
}

function indentOf(text: string, index: number): string {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/**
 * The rest of the cursor's line up to where it closes the parameter list (`, b)` of `def f(a|, b)`),
 * and how many of the openers it closed; none of it when it closes nothing cleanly.
 */
function keptRemainder(rest: string, open: Opener[], upTo: number): { kept: string; closed: number } {
  let depth = 0;
  let closed = 0;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth > 0) depth--;
      else if (closed <= upTo && CLOSER[open[closed].char] === c) {
        closed++;
        if (closed > upTo) return { kept: rest.slice(0, i + 1), closed };
      } else return { kept: rest.slice(0, i), closed };
    }
  }
  return { kept: rest, closed };
}

/**
 * The text with the handler header at the offset closed, or undefined when the cursor is not in an
 * unfinished parameter list. The name being typed is kept; an empty slot gets the placeholder.
 */
export function closeUnfinishedHeader(text: string, offset: number, language: SourceLanguage, wordTyped: boolean): string | undefined {
  const open = openBrackets(text, offset);
  const header = headerAt(text, offset, open, language);
  if (!header) return undefined;
  const lineEnd = text.indexOf('\n', offset);
  const rest = text.slice(offset, lineEnd < 0 ? text.length : lineEnd);
  const after = lineEnd < 0 ? '' : text.slice(lineEnd);
  let synthetic = text.slice(0, offset) + (wordTyped ? '' : CURSOR_PLACEHOLDER);
  if (header.kind === 'lambda') {
    const paramsEnd = /^[\w\s,=*]*/.exec(rest)![0];
    return synthetic + paramsEnd + ': None' + closeOuter(open, 0) + after;
  }
  const { kept, closed } = keptRemainder(rest, open, header.listDepth);
  synthetic += kept;
  for (let i = closed; i <= header.listDepth; i++) synthetic += (open[i].char === '{' ? ' ' : '') + CLOSER[open[i].char];
  if (header.kind === 'def') synthetic += `:\n${indentOf(text, open[0].index)}    pass`;
  else if (header.kind === 'arrow') synthetic += ' => {}';
  else synthetic += ' {}';
  synthetic += closeOuter(open, header.listDepth + 1);
  return synthetic + after;
}

/** Closes the brackets around the header (the connect call), innermost first. */
function closeOuter(open: Opener[], from: number): string {
  return open
    .slice(from)
    .map((o) => CLOSER[o.char])
    .join('');
}

/**
 * Parameter items for a header the tree cannot see yet, or undefined when the cursor is not in one
 * (or the tree already has the handler there, and ordinary completion answers).
 */
export async function completeUnfinishedHeader(input: CompletionInput, grammar: Grammar, catalog: Catalog): Promise<CompletionEntry[] | undefined> {
  if (siteAround(input)) return undefined;
  const { word, span } = wordAt(input.text, input.offset);
  const closed = closeUnfinishedHeader(input.text, input.offset, input.model.language, word.length > 0);
  if (closed === undefined) return undefined;
  const tree = await parseText(grammar, closed);
  let model;
  try {
    model = extractModel(tree, closed, grammar, catalog);
  } finally {
    tree.delete();
  }
  const recovered = { ...input, text: closed, model };
  const entries = completeHandlerParams(recovered, wordAt(closed, input.offset).span);
  // The items replace what the user typed, never the placeholder, which exists only in `closed`.
  return entries?.map((e) => ({ ...e, replaceSpan: span, filterText: e.filterText?.replace(CURSOR_PLACEHOLDER, '') }));
}

/** Completion at the input's offset, reading a half-typed handler header from a closed copy. */
export async function completeTyping(input: CompletionInput, grammar: Grammar, catalog: Catalog): Promise<CompletionEntry[]> {
  return (await completeUnfinishedHeader(input, grammar, catalog)) ?? completeAt(input);
}
