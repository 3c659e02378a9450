/**
 * Text edits on a handler's parameter list, computed from the source text so they respect trailing
 * commas, a `/` marker, comments and one-parameter-per-line layouts. Works for Python parameter lists
 * (parenthesised or a bare lambda list) and for the destructured object of a TypeScript handler.
 */
import type { TextEdit } from '../../diagnostics';
import type { Handler, HandlerParam, SourceLanguage } from '../../model';
import type { SourceText } from '../../sourceText';

export function defaultLiteral(language: SourceLanguage): string {
  return language === 'python' ? 'None' : 'undefined';
}

function isBracketed(text: SourceText, handler: Handler): boolean {
  const open = text.charAt(handler.paramsSpan.start);
  return open === '(' || open === '{';
}

function closeIndex(text: SourceText, handler: Handler): number {
  return isBracketed(text, handler) ? handler.paramsSpan.end - 1 : handler.paramsSpan.end;
}

/** Skips spaces, newlines and `#` or `//` comments; returns the next significant index. */
function skipTrivia(text: SourceText, from: number, limit: number): number {
  let i = from;
  while (i < limit) {
    const c = text.charAt(i);
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\\') i++;
    else if (c === '#' || (c === '/' && text.charAt(i + 1) === '/')) {
      while (i < limit && text.charAt(i) !== '\n') i++;
    } else break;
  }
  return i;
}

function lineIndentAt(text: SourceText, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const match = /^[ \t]*/.exec(text.slice(lineStart, offset));
  return match ? match[0] : '';
}

/**
 * Where new parameters go at the end of the list: after the last parameter and a following `/`
 * marker, and whether the list ends with a trailing comma on its own layout line.
 */
function endAnchor(text: SourceText, handler: Handler): { offset: number; trailingComma?: number } {
  const last = handler.params[handler.params.length - 1];
  const limit = closeIndex(text, handler);
  let offset = last.span.end;
  let trailingComma: number | undefined;
  let i = skipTrivia(text, offset, limit);
  while (i < limit) {
    if (text.charAt(i) === ',') {
      trailingComma = i;
      i = skipTrivia(text, i + 1, limit);
    } else if (text.charAt(i) === '/') {
      offset = i + 1;
      trailingComma = undefined;
      i = skipTrivia(text, i + 1, limit);
    } else break;
  }
  return { offset, trailingComma };
}

/** Inserts parameters at the end of the list (where `**kwargs` belongs). */
export function appendParams(text: SourceText, handler: Handler, newParams: string[]): TextEdit {
  const joined = newParams.join(', ');
  if (handler.params.length === 0) {
    if (!isBracketed(text, handler)) {
      // A bare `lambda: ...` has an empty list right after the keyword.
      const before = text.charAt(handler.paramsSpan.start - 1);
      return { span: { start: handler.paramsSpan.start, end: handler.paramsSpan.start }, newText: before === ' ' ? `${joined}` : ` ${joined}` };
    }
    const inner = { start: handler.paramsSpan.start + 1, end: handler.paramsSpan.end - 1 };
    const open = text.charAt(handler.paramsSpan.start);
    // An object-form handler with no parameter yet gets its destructuring pattern: `()` → `({ a })`.
    const padded = open === '{' ? ` ${joined} ` : handler.paramStyle === 'object' ? `{ ${joined} }` : joined;
    return { span: inner, newText: padded };
  }
  const { offset, trailingComma } = endAnchor(text, handler);
  const multiLine = text.slice(offset, closeIndex(text, handler)).includes('\n');
  if (trailingComma !== undefined && multiLine) {
    const last = handler.params[handler.params.length - 1];
    const indent = lineIndentAt(text, last.span.start);
    const lines = newParams.map((p) => `\n${indent}${p},`).join('');
    return { span: { start: trailingComma + 1, end: trailingComma + 1 }, newText: lines };
  }
  return { span: { start: offset, end: offset }, newText: `, ${joined}` };
}

/** The catch-all parameter (`**kw` or `...rest`), when there is one. */
export function catchAll(handler: Handler): HandlerParam | undefined {
  return handler.params.find((p) => p.kind === 'var-keyword' || p.kind === 'object-rest');
}

/** Inserts named parameters before the catch-all, or at the end when there is none. */
export function insertNamedParams(text: SourceText, handler: Handler, newParams: string[]): TextEdit {
  // A JavaScript rest parameter (`...args`) must stay last, unlike Python's `*args`.
  const rest = catchAll(handler) ?? handler.params.find((p) => p.kind === 'var-positional' && text.startsWith('...', p.span.start));
  if (!rest) return appendParams(text, handler, newParams);
  const between = text.slice(handler.paramsSpan.start, rest.span.start);
  const lineBreak = /\n([ \t]*)$/.exec(between);
  const separator = lineBreak ? `,\n${lineBreak[1]}` : ', ';
  return { span: { start: rest.span.start, end: rest.span.start }, newText: newParams.join(separator) + separator };
}

/**
 * True when a parameter inserted before the catch-all (or at the end) would be keyword-only, so it
 * needs no default even after defaulted positional parameters.
 */
export function insertionIsKeywordOnly(handler: Handler): boolean {
  return handler.params.some((p) => p.kind === 'keyword-only' || p.kind === 'var-positional');
}

/** True when some positional parameter has a default, so a new positional one must have one too. */
export function positionalDefaultsPresent(handler: Handler): boolean {
  return handler.params.some((p) => (p.kind === 'positional' || p.kind === 'positional-only') && p.hasDefault);
}

/** Renames a parameter and the body's reads of it. */
export function renameParam(handler: Handler, param: HandlerParam, newName: string): TextEdit[] {
  const edits: TextEdit[] = [{ span: param.nameSpan, newText: newName }];
  for (const read of handler.paramReads ?? []) {
    if (read.name === param.name) edits.push({ span: read.span, newText: read.shorthandProperty ? `${read.name}: ${newName}` : newName });
  }
  return edits;
}

/**
 * Gives a parameter a default. When later positional parameters have none, a `*` is inserted first
 * so they all become keyword-only: Celery passes everything by keyword, and Python forbids a
 * non-default positional parameter after a defaulted one.
 */
export function addDefault(text: SourceText, handler: Handler, param: HandlerParam, language: SourceLanguage): TextEdit[] {
  const annotated = param.span.end > param.nameSpan.end;
  const value = defaultLiteral(language);
  const edits: TextEdit[] = [{ span: { start: param.span.end, end: param.span.end }, newText: annotated || language !== 'python' ? ` = ${value}` : `=${value}` }];
  if (language === 'python' && param.kind === 'positional') {
    const index = handler.params.indexOf(param);
    const laterRequired = handler.params.slice(index + 1).some((p) => p.kind === 'positional' && !p.hasDefault);
    if (laterRequired) edits.unshift({ span: { start: param.span.start, end: param.span.start }, newText: '*, ' });
  }
  return edits;
}

/** Removes the `/` marker that makes the parameters before it positional-only. */
export function removePositionalOnlyMarker(text: SourceText, handler: Handler): TextEdit | undefined {
  const positionalOnly = handler.params.filter((p) => p.kind === 'positional-only');
  const last = positionalOnly[positionalOnly.length - 1];
  if (!last) return undefined;
  const limit = closeIndex(text, handler);
  let i = skipTrivia(text, last.span.end, limit);
  if (text.charAt(i) !== ',') return undefined;
  i = skipTrivia(text, i + 1, limit);
  if (text.charAt(i) !== '/') return undefined;
  return { span: { start: last.span.end, end: i + 1 }, newText: '' };
}

/** A name for the catch-all that no keyword of the signal and no parameter already uses. */
export function catchAllName(taken: (name: string) => boolean): string {
  return ['kwargs', 'kw', 'extra', 'other_kwargs'].find((n) => !taken(n)) ?? 'extra_kwargs';
}
