/**
 * Diagnostics: answered on request (`textDocument/diagnostic`) when the client pulls, pushed after
 * every change otherwise. A document that is not analysed (too large, binary) says so once.
 */
import { DocumentDiagnosticReportKind, MessageType, type Diagnostic, type DocumentDiagnosticParams, type DocumentDiagnosticReport } from 'vscode-languageserver/node';
import type { DocumentAnalysis } from '../documents/analysisCache';
import { MAX_ANALYSED_LENGTH } from '../documents/analysisCache';
import { toDiagnostic } from '../lsp/convert';
import { ANALYSIS_TIME_LIMIT_MS } from '../lsp/session';
import { PARSE_TIME_LIMIT_MS } from '../parsing/treeSitter';
import type { Session } from '../lsp/session';

const announcedSkips = new Set<string>();

function announceSkip(session: Session, analysis: DocumentAnalysis): void {
  if (analysis.skipped !== 'too-large' && analysis.skipped !== 'too-slow' && analysis.skipped !== 'binary') return;
  const key = `${analysis.uri}\u0000${analysis.skipped}`;
  if (announcedSkips.has(key)) return;
  announcedSkips.add(key);
  const reason =
    analysis.skipped === 'too-large'
      ? `it is larger than ${MAX_ANALYSED_LENGTH / (1024 * 1024)} MB`
      : analysis.skipped === 'too-slow'
        ? `analysing it took too long (over ${PARSE_TIME_LIMIT_MS / 1000} s to parse or ${ANALYSIS_TIME_LIMIT_MS / 1000} s in all); it is checked again when reopened, and \`celery-signals check\` checks it in full`
        : 'it looks like binary data';
  session.connection.sendNotification('window/showMessage', {
    type: MessageType.Info,
    message: `Celery Signals: ${analysis.uri.split('/').pop()} is not checked because ${reason}.`,
  });
}

export function forgetSkipAnnouncements(uri: string): void {
  for (const key of [...announcedSkips]) if (key.startsWith(`${uri}\u0000`)) announcedSkips.delete(key);
}

export async function diagnosticsOf(session: Session, uri: string): Promise<Diagnostic[]> {
  const analysis = await session.analysisOf(uri);
  if (!analysis) return [];
  announceSkip(session, analysis);
  return analysis.findings.map((f) => toDiagnostic(analysis.index, uri, f));
}

/** What each document's last pull answered, so an edit that changes no diagnostic answers "unchanged". */
const lastReports = new Map<string, { resultId: string; items: Diagnostic[] }>();
let nextResultId = 1;

function sameDiagnostics(a: Diagnostic[], b: Diagnostic[]): boolean {
  const same = (x: Diagnostic, y: Diagnostic) =>
    x.code === y.code &&
    x.severity === y.severity &&
    x.message === y.message &&
    x.range.start.line === y.range.start.line &&
    x.range.start.character === y.range.start.character &&
    x.range.end.line === y.range.end.line &&
    x.range.end.character === y.range.end.character &&
    JSON.stringify(x.relatedInformation) === JSON.stringify(y.relatedInformation);
  return a.length === b.length && a.every((d, i) => same(d, b[i]));
}

export async function pullDiagnostics(session: Session, params: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> {
  const uri = params.textDocument.uri;
  const items = await diagnosticsOf(session, uri);
  const last = lastReports.get(uri);
  if (last && params.previousResultId === last.resultId && sameDiagnostics(last.items, items)) {
    return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId };
  }
  const resultId = String(nextResultId++);
  lastReports.set(uri, { resultId, items });
  return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
}

export function forgetPulled(uri: string): void {
  lastReports.delete(uri);
}

/** Pushes coalesce: several quick changes to one document publish once, for its latest version. */
const scheduled = new Set<string>();

export function schedulePush(session: Session, uri: string): void {
  if (session.client.pullDiagnostics || scheduled.has(uri)) return;
  scheduled.add(uri);
  setImmediate(() => {
    scheduled.delete(uri);
    const entry = session.store.get(uri);
    if (!entry) return;
    const version = entry.document.version;
    diagnosticsOf(session, uri)
      .then((diagnostics) => session.connection.sendDiagnostics({ uri, version, diagnostics }))
      .catch((error: unknown) => session.connection.console.error(`diagnostics for ${uri} failed: ${String(error)}`));
  });
}

export function clearPushed(session: Session, uri: string): void {
  if (!session.client.pullDiagnostics) void session.connection.sendDiagnostics({ uri, diagnostics: [] });
}

/** One document's diagnostics changed without an edit (a full analysis corrected a quick one). */
export function refreshDocument(session: Session, uri: string): void {
  if (!session.client.pullDiagnostics) schedulePush(session, uri);
  else if (session.client.diagnosticRefresh) session.connection.languages.diagnostics.refresh().catch(() => undefined);
}

/** After settings or catalogs change: ask a pulling client to pull again, or push everything anew. */
export function refreshAll(session: Session): void {
  if (session.client.pullDiagnostics) {
    if (session.client.diagnosticRefresh) session.connection.languages.diagnostics.refresh().catch(() => undefined);
    return;
  }
  for (const { document } of session.store.all()) schedulePush(session, document.uri);
}
