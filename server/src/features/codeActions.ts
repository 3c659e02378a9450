/**
 * textDocument/codeAction: every fix of every finding in range as a quick-fix bound to its diagnostic,
 * plus the handler refactors of analysis/actions, and, when asked for by kind, one source action
 * applying every safe preferred fix (`editor.codeActionsOnSave: { "source.fixAll": ... }`).
 */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import { refactorsAt } from '../analysis/actions';
import { inLanguage, type Finding, type TextEdit } from '../analysis/diagnostics';
import { fixAllText, replacingEdit } from '../analysis/fixAll';
import type { DocumentAnalysis } from '../documents/analysisCache';
import { toDiagnostic, toSpan, toTextEdit, DIAGNOSTIC_SOURCE } from '../lsp/convert';
import type { Session } from '../lsp/session';
import type { Cancellable } from '../documents/backgroundAnalysis';

function workspaceEdit(analysis: DocumentAnalysis, edits: TextEdit[]) {
  return { changes: { [analysis.uri]: edits.map((e) => toTextEdit(analysis.index, e)) } };
}

/** The finding a client-sent diagnostic stands for: same code and same range in the current version. */
function findingOf(analysis: DocumentAnalysis, diagnostic: Diagnostic): Finding | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const span = toSpan(analysis.index, diagnostic.range);
  return analysis.findings.find((f) => f.code === diagnostic.code && f.span.start === span.start && f.span.end === span.end);
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** The kind `editor.codeActionsOnSave` asks for (`source.fixAll`, or this server's own). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.celerySignals`;

/** Source actions are listed only when asked for by kind, never in the light bulb. */
const asksFor = (only: string[] | undefined, kind: string): boolean => !!only && wants(only, kind);

async function fixAllAction(session: Session, analysis: DocumentAnalysis): Promise<CodeAction | undefined> {
  const grammar = session.grammarOf(analysis.uri);
  if (!grammar) return undefined;
  const options = { celeryVersion: session.celeryVersionOf(analysis.uri), severities: session.settings.severity, includeHints: true };
  const edit = replacingEdit(analysis.text, await fixAllText(analysis.text, grammar, session.catalogFor(analysis.uri), options));
  if (!edit) return undefined;
  return { title: 'Fix all Celery signal problems', kind: FIX_ALL_KIND, edit: workspaceEdit(analysis, [edit]) };
}

export async function onCodeAction(session: Session, params: CodeActionParams, token?: Cancellable): Promise<CodeAction[]> {
  const analysis = await session.analysisOf(params.textDocument.uri, token);
  if (!analysis?.model) return [];
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (asksFor(only, FIX_ALL_KIND)) {
    const fixAll = await fixAllAction(session, analysis);
    if (fixAll) actions.push(fixAll);
  }
  if (wants(only, CodeActionKind.QuickFix)) {
    const range = toSpan(analysis.index, params.range);
    // Diagnostics the client sent us, and any finding under the cursor it may not have shown yet.
    const findings = new Set(params.context.diagnostics.map((d) => findingOf(analysis, d)).filter((f): f is Finding => !!f));
    for (const f of analysis.findings) if (f.span.start <= range.end && range.start <= f.span.end) findings.add(f);
    for (const finding of findings) {
      const diagnostic = toDiagnostic(analysis.index, analysis.uri, finding, session.docsLanguage);
      for (const fix of finding.fixes) {
        actions.push({ title: inLanguage(fix.title, fix.titles, session.docsLanguage), kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred || undefined, edit: workspaceEdit(analysis, fix.edits) });
      }
    }
  }
  if (wants(only, CodeActionKind.RefactorRewrite)) {
    const range = toSpan(analysis.index, params.range);
    // A refactor that a quick-fix in this list already offers would show twice in the light bulb.
    const offered = new Set(actions.map((a) => a.title));
    for (const refactor of refactorsAt(analysis.model, analysis.text, range, session.catalogFor(analysis.uri), session.celeryVersionOf(analysis.uri))) {
      const title = inLanguage(refactor.title, refactor.titles, session.docsLanguage);
      if (offered.has(title)) continue;
      actions.push({ title, kind: CodeActionKind.RefactorRewrite, edit: workspaceEdit(analysis, refactor.edits) });
    }
  }
  return actions;
}
