/** The client's Insert-handler command asks here: signal choices, and the edits for one handler. */
import { localize } from '../analysis/hoverLocale';
import { planHandlerInsertion } from '../analysis/handlerInsertion';
import { LineIndex } from '../analysis/text';
import { toRange, toTextEdit } from '../lsp/convert';
import type { Session } from '../lsp/session';
import type { HandlerInsertionParams, HandlerInsertionResult, SignalChoicesResult } from '../../../shared/protocol';

export function signalChoices(session: Session): SignalChoicesResult {
  return {
    signals: session.catalog.signals.map((signal) => ({
      name: signal.name,
      category: signal.category,
      summary: localize(signal.summary, session.docsLanguage),
      ...(signal.deprecated ? { deprecated: { replacement: signal.deprecated.replacement } } : {}),
    })),
  };
}

export async function handlerInsertion(session: Session, params: HandlerInsertionParams): Promise<HandlerInsertionResult> {
  const catalog = session.catalog;
  const signal = catalog.get(params.signal) ?? catalog.signals.find((s) => s.name.split('.').pop() === params.signal);
  if (!signal) return { problem: 'unknown-signal' };
  const analysis = await session.analysisOf(params.textDocument.uri);
  if (!analysis?.model) return { problem: 'not-analysed' };
  const plan = planHandlerInsertion({
    text: analysis.text,
    model: analysis.model,
    catalog,
    signal,
    offset: analysis.index.offsetAt(params.position),
    celeryVersion: session.celeryVersionOf(params.textDocument.uri),
  });
  let after = analysis.text;
  for (const edit of [...plan.importEdits].sort((a, b) => b.span.start - a.span.start)) after = after.slice(0, edit.span.start) + edit.newText + after.slice(edit.span.end);
  return {
    importEdits: plan.importEdits.map((edit) => toTextEdit(analysis.index, edit)),
    snippet: plan.snippet,
    range: toRange(new LineIndex(after), plan.span),
  };
}
