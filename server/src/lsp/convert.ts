/**
 * The one place that maps the analysis layer's plain data (UTF-16 offset spans, findings, fixes,
 * completion entries) to and from LSP types.
 */
import {
  CompletionItemKind,
  CompletionItemTag,
  DiagnosticSeverity,
  DiagnosticTag,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Diagnostic,
  type Hover,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver/node';
import type { CompletionEntry } from '../analysis/completion';
import { inLanguage, type Finding, type Severity, type TextEdit } from '../analysis/diagnostics';
import type { DocsLanguage } from '../catalog/types';
import type { HoverResult } from '../analysis/hover';
import type { Span } from '../analysis/model';
import type { LineIndex, LineRange } from '../analysis/text';

export const DIAGNOSTIC_SOURCE = 'celery-signals';

/** What a diagnostic carries so code actions can find its finding again. */
export interface DiagnosticData {
  code: string;
}

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Anything that places spans: a document's LineIndex, or an indexed file's line starts. */
export type SpanPlacer = Pick<LineIndex, 'rangeOf'>;

export function toRange(index: SpanPlacer, span: Span): Range {
  return index.rangeOf(span);
}

export function toSpan(index: LineIndex, range: Range): Span {
  return { start: index.offsetAt(range.start), end: index.offsetAt(range.end) };
}

export function toTextEdit(index: LineIndex, edit: TextEdit): LspTextEdit {
  return { range: toRange(index, edit.span), newText: edit.newText };
}

/** `language` picks the message's translation (the finding's own text is English). */
export function toDiagnostic(index: SpanPlacer, uri: string, finding: Finding, language: DocsLanguage = 'en'): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(index, finding.span),
    severity: severities[finding.severity],
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: inLanguage(finding.message, finding.messages, language),
    data: { code: finding.code } satisfies DiagnosticData,
  };
  const tags = (finding.tags ?? []).map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  if (tags.length) diagnostic.tags = tags;
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => ({ location: { uri, range: toRange(index, r.span) }, message: inLanguage(r.message, r.messages, language) }));
  }
  return diagnostic;
}

const completionKinds: Record<CompletionEntry['kind'], CompletionItemKind> = {
  signal: CompletionItemKind.Event,
  parameter: CompletionItemKind.Variable,
  keyword: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  snippet: CompletionItemKind.Snippet,
};

export interface CompletionClientSupport {
  snippets: boolean;
  deprecatedTag: boolean;
  markdown: boolean;
}

export function toCompletionItem(index: LineIndex, entry: CompletionEntry, support: CompletionClientSupport): CompletionItem | undefined {
  if (entry.isSnippet && !support.snippets) return undefined;
  const item: CompletionItem = {
    label: entry.label,
    kind: completionKinds[entry.kind],
    detail: entry.detail,
    textEdit: { range: toRange(index, entry.replaceSpan), newText: entry.insertText },
    insertTextFormat: entry.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (entry.documentation) item.documentation = support.markdown ? { kind: MarkupKind.Markdown, value: entry.documentation } : entry.documentation;
  if (entry.additionalEdits?.length) item.additionalTextEdits = entry.additionalEdits.map((e) => toTextEdit(index, e));
  if (entry.sortText) item.sortText = entry.sortText;
  if (entry.filterText) item.filterText = entry.filterText;
  if (entry.deprecated) {
    if (support.deprecatedTag) item.tags = [CompletionItemTag.Deprecated];
    else item.deprecated = true;
  }
  return item;
}

export function toHover(index: LineIndex, hover: HoverResult, markdown: boolean): Hover {
  return { contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: hover.markdown }, range: toRange(index, hover.span) };
}

/** A problem found in a user catalog file, shown on that file. */
export function toCatalogDiagnostic(message: string, range: LineRange | undefined): Diagnostic {
  return {
    range: range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    code: 'invalid-catalog',
    message,
  };
}
