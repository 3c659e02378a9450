/**
 * What the "Insert handler for signal…" command writes: the signal's import (merged into an existing
 * import of its module when there is one) and the handler, placed between top-level statements and
 * set off from them the way black and ruff format Python (two blank lines around a top-level def;
 * one in TypeScript/JavaScript). Pure: text, model and catalog in, edits out.
 */
import type { Catalog } from '../catalog/catalog';
import type { SignalSpec } from '../catalog/types';
import { snippetLanguageOf } from '../../../shared/languages';
import { planImport } from './completionImports';
import type { TextEdit } from './diagnostics';
import type { FileModel, Span } from './model';
import { snippetFor } from './snippets';

export interface HandlerInsertion {
  /** Applied first, against the text as it is. */
  importEdits: TextEdit[];
  /** Snippet syntax; replaces `span`, which is given in the text *after* `importEdits`. */
  snippet: string;
  span: Span;
}

interface Line {
  start: number;
  /** Where the content ends, before the line break. */
  end: number;
  text: string;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  const pattern = /[^\r\n]*(\r\n|\r|\n|$)/g;
  for (let m = pattern.exec(text); m && m.index < text.length; m = pattern.exec(text)) {
    const content = m[0].replace(/(\r\n|\r|\n)$/, '');
    lines.push({ start: m.index, end: m.index + content.length, text: content });
    if (m[0].length === 0) break;
  }
  return lines;
}

const blank = (line: Line) => line.text.trim() === '';
/** A line that starts a top-level statement (not indented, not closing a bracket, not a comment). */
const topLevel = (line: Line) => /^[^\s#)\]}]/.test(line.text);
const decorator = (line: Line) => line.text.startsWith('@');

/** The index of the first line after the top-level statement that holds line `at`. */
function statementEnd(lines: Line[], at: number): number {
  let last = at;
  while (last > 0 && !topLevel(lines[last])) last--;
  for (let i = at + 1; i < lines.length; i++) {
    if (!topLevel(lines[i])) continue;
    // Decorators belong to the definition below them.
    if (!decorator(lines[last])) return i;
    last = i;
  }
  return lines.length;
}

/** One past the last top-level import line at the top of the file (0 when there is none). */
function importsEnd(lines: Line[], python: boolean): number {
  let end = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (python ? /^(from|import)\s/.test(line.text) : /^import[\s{*'"]/.test(line.text)) end = statementEnd(lines, i);
    else if (topLevel(line) && !/^(#!|"""|'''|['"]use strict)/.test(line.text) && end > 0) break;
  }
  return end;
}

/** The blank run the handler goes into: after line `above` (or the file start), before line `below`. */
function gapAt(lines: Line[], cursorLine: number, python: boolean): { above?: number; below?: number } {
  const line = Math.min(cursorLine, lines.length);
  let split: number;
  const nextNonBlank = (from: number) => {
    for (let i = from; i < lines.length; i++) if (!blank(lines[i])) return i;
    return undefined;
  };
  const previousNonBlank = (from: number) => {
    for (let i = from; i >= 0; i--) if (!blank(lines[i])) return i;
    return undefined;
  };
  const next = nextNonBlank(line);
  const previous = previousNonBlank(line - 1);
  const betweenStatements = (line >= lines.length || blank(lines[line])) && (next === undefined || topLevel(lines[next])) && (previous === undefined || !decorator(lines[previous]));
  split = betweenStatements ? line : statementEnd(lines, line);
  split = Math.max(split, importsEnd(lines, python));
  return { above: previousNonBlank(split - 1), below: nextNonBlank(split) };
}

export interface HandlerInsertionInput {
  text: string;
  model: FileModel;
  catalog: Catalog;
  signal: SignalSpec;
  /** Where the cursor is: the handler goes there when it sits between top-level statements, else below that statement. */
  offset: number;
  celeryVersion?: string;
}

export function planHandlerInsertion(input: HandlerInsertionInput): HandlerInsertion {
  const { text, model, catalog, signal } = input;
  const python = model.language === 'python';
  const eol = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
  const snippet = snippetFor(catalog, signal, snippetLanguageOf(model.language), input.celeryVersion);
  const lines = linesOf(text);
  const cursorLine = lines.findIndex((line, i) => input.offset <= line.end || i === lines.length - 1);
  const { above, below } = gapAt(lines, Math.max(0, cursorLine), python);
  const span: Span = { start: above === undefined ? 0 : lines[above].end, end: below === undefined ? text.length : lines[below].start };
  const separator = eol.repeat(python ? 3 : 2);

  let body = snippet.body;
  let importLine = '';
  const importEdits: TextEdit[] = [];
  if (snippet.importModule && snippet.importName && !starImportCovers(text, snippet.importModule, signal, python)) {
    const plan = planImport(text, model, model.language, snippet.importModule, snippet.importName);
    if (plan.localName !== snippet.importName) body = body.replace(`${snippet.importName}.connect`, `${plan.localName}.connect`);
    const edit = plan.edit;
    // A new import line that would land in the gap is written by the snippet itself, above the handler.
    if (edit && edit.span.start >= span.start && edit.span.start <= span.end && edit.newText.endsWith('\n')) importLine = edit.newText.trim();
    else if (edit) importEdits.push({ span: edit.span, newText: edit.newText.replace(/\n/g, eol) });
  }

  const afterImport = above !== undefined && /^(from|import)[\s{*'"]/.test(lines[above].text);
  const lead = above === undefined ? '' : importLine ? eol.repeat(afterImport ? 1 : 2) : separator;
  const head = importLine ? `${importLine}${separator}` : '';
  const tail = below === undefined ? eol : separator;
  const shift = importEdits.filter((e) => e.span.start <= span.start).reduce((sum, e) => sum + e.newText.length - (e.span.end - e.span.start), 0);
  return {
    importEdits,
    snippet: lead + head + body.replace(/\n/g, eol) + tail,
    span: { start: span.start + shift, end: span.end + shift },
  };
}

/** `from celery.signals import *` binds the signal (when it is in `__all__`), so nothing needs importing. */
function starImportCovers(text: string, module: string, signal: SignalSpec, python: boolean): boolean {
  if (!python || !signal.inStarImport) return false;
  return new RegExp(`^from[ \\t]+${module.replace(/\./g, '\\.')}[ \\t]+import[ \\t]+\\*`, 'm').test(text);
}
