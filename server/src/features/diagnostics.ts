/**
 * Diagnostics: answered on request (`textDocument/diagnostic`) when the client pulls, pushed after
 * every change otherwise. A document that is not analysed (too large, binary) says so once.
 */
import { DocumentDiagnosticReportKind, MessageType, type Diagnostic, type DocumentDiagnosticParams, type DocumentDiagnosticReport } from 'vscode-languageserver/node';
import type { DocumentAnalysis } from '../documents/analysisCache';
import { MAX_ANALYSED_LENGTH } from '../documents/analysisCache';
import { messageTable } from '../analysis/rules/support/messages';
import { toDiagnostic } from '../lsp/convert';
import { encodedOnce } from '../lsp/messageEncoder';
import { PARSE_TIME_LIMIT_MS } from '../parsing/treeSitter';
import type { Session } from '../lsp/session';
import type { Cancellable } from '../documents/backgroundAnalysis';
import { movedFrom } from '../documents/findingsDelta';
import type { Finding } from '../analysis/diagnostics';
import type { DocsLanguage } from '../catalog/types';

const announcedSkips = new Set<string>();

const skipMessages = messageTable('server notices', {
  tooLarge: {
    en: (file: string, megabytes: number) => `Celery Signals: ${file} is not checked because it is larger than ${megabytes} MB.`,
    'zh-cn': (file: string, megabytes: number) => `Celery Signals：${file} 大于 ${megabytes} MB，因此未检查。`,
  },
  tooSlow: {
    en: (file: string, parseSeconds: number) =>
      `Celery Signals: ${file} is not checked because parsing it took longer than ${parseSeconds} s; it is checked again when edited or reopened, and \`celery-signals check\` checks it in full.`,
    'zh-cn': (file: string, parseSeconds: number) =>
      `Celery Signals：解析 ${file} 超过 ${parseSeconds} 秒，因此未检查；编辑或重新打开时会再次检查，\`celery-signals check\` 会完整检查它。`,
  },
  binary: {
    en: (file: string) => `Celery Signals: ${file} is not checked because it looks like binary data.`,
    'zh-cn': (file: string) => `Celery Signals：${file} 看起来是二进制数据，因此未检查。`,
  },
});

function announceSkip(session: Session, analysis: DocumentAnalysis): void {
  if (analysis.skipped !== 'too-large' && analysis.skipped !== 'too-slow' && analysis.skipped !== 'binary') return;
  const key = `${analysis.uri}\u0000${analysis.skipped}`;
  if (announcedSkips.has(key)) return;
  announcedSkips.add(key);
  const file = analysis.uri.split('/').pop() ?? analysis.uri;
  const say =
    analysis.skipped === 'too-large'
      ? skipMessages.tooLarge(file, MAX_ANALYSED_LENGTH / (1024 * 1024))
      : analysis.skipped === 'too-slow'
        ? skipMessages.tooSlow(file, PARSE_TIME_LIMIT_MS / 1000)
        : skipMessages.binary(file);
  session.connection.sendNotification('window/showMessage', { type: MessageType.Info, message: say[session.docsLanguage] });
}

export function forgetSkipAnnouncements(uri: string): void {
  for (const key of [...announcedSkips]) if (key.startsWith(`${uri}\u0000`)) announcedSkips.delete(key);
}

function diagnosticsFrom(session: Session, analysis: DocumentAnalysis): Diagnostic[] {
  announceSkip(session, analysis);
  return analysis.findings.map((f) => diagnosticOf(analysis, f, session.docsLanguage));
}

/** The diagnostic each finding was last converted to, and in which language. */
const converted = new WeakMap<Finding, { language: DocsLanguage; diagnostic: Diagnostic }>();

/**
 * A keystroke leaves most findings as they were, or moves them (documents/findingsDelta.ts): such a
 * finding whose range is still the same gets the diagnostic it had, rather than a new one that
 * would only be compared with it and dropped. Findings with related locations are converted afresh.
 */
function diagnosticOf(analysis: DocumentAnalysis, finding: Finding, language: DocsLanguage): Diagnostic {
  const source = movedFrom.get(finding);
  // The link is followed once: kept, it would hold every earlier version's findings alive.
  if (source) movedFrom.delete(finding);
  const earlier = converted.get(source ?? finding);
  if (earlier?.language === language && !finding.related?.length) {
    const { start, end } = earlier.diagnostic.range;
    const now = analysis.index.rangeOf(finding.span);
    if (now.start.line === start.line && now.start.character === start.character && now.end.line === end.line && now.end.character === end.character) {
      if (earlier !== converted.get(finding)) converted.set(finding, earlier);
      return earlier.diagnostic;
    }
  }
  const diagnostic = toDiagnostic(analysis.index, analysis.uri, finding, language);
  converted.set(finding, { language, diagnostic });
  return diagnostic;
}

/** What each document's last pull answered, so an edit that changes no diagnostic answers "unchanged". */
const lastReports = new Map<string, { resultId: string; items: Diagnostic[] }>();
let nextResultId = 1;

function sameDiagnostics(a: Diagnostic[], b: Diagnostic[]): boolean {
  return a.length === b.length && a.every((d, i) => sameJson(d, b[i]));
}

/** Two JSON values (what a diagnostic is made of) are equal. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const key in x) {
    keys++;
    if (!sameJson(x[key], y[key])) return false;
  }
  for (const _ in y) keys--;
  return keys === 0;
}

/**
 * `next` with each diagnostic that equals the one at the same place in `previous` (counted from
 * the start, or from the end for those after an edit) replaced by that one: the encoder then sends
 * its JSON as it was (lsp/messageEncoder.ts). Both lists are in the analysis's order.
 */
function keptWhereSame(previous: readonly Diagnostic[] | undefined, next: Diagnostic[]): Diagnostic[] {
  if (!previous) return encodedOnce(next);
  const most = Math.min(previous.length, next.length);
  let head = 0;
  while (head < most && sameJson(previous[head], next[head])) next[head] = previous[head++];
  for (let tail = 1; head + tail <= most && sameJson(previous[previous.length - tail], next[next.length - tail]); tail++) {
    next[next.length - tail] = previous[previous.length - tail];
  }
  return encodedOnce(next);
}

/** Documents pulled since they were opened: only the first pull may be answered early. */
const pulledSinceOpen = new Set<string>();

/**
 * The first pull of a large Python document opened just now is answered with its top part's
 * diagnostics when the client can be told to pull again: once the complete analysis is done, the
 * server asks it to (`workspace/diagnostic/refresh`).
 */
async function earlyItems(session: Session, uri: string): Promise<Diagnostic[] | undefined> {
  if (!session.client.diagnosticRefresh || pulledSinceOpen.has(uri)) return undefined;
  pulledSinceOpen.add(uri);
  if (session.peekAnalysis(uri)?.version === session.store.get(uri)?.document.version) return undefined;
  const early = await session.earlyAnalysisOf(uri);
  if (!early || early.findings.length === 0 || session.store.get(uri)?.document.version !== early.version) return undefined;
  session
    .analysisOf(uri, undefined, 'findings')
    .then(() => session.connection.languages.diagnostics.refresh())
    .catch(() => undefined);
  return diagnosticsFrom(session, early);
}

export async function pullDiagnostics(session: Session, params: DocumentDiagnosticParams, token?: Cancellable): Promise<DocumentDiagnosticReport> {
  const uri = params.textDocument.uri;
  let items = await earlyItems(session, uri);
  if (!items) {
    const analysis = await session.analysisOf(uri, token, 'findings');
    items = analysis ? diagnosticsFrom(session, analysis) : [];
  }
  const last = lastReports.get(uri);
  items = keptWhereSame(last?.items, items);
  if (last && params.previousResultId === last.resultId && sameDiagnostics(last.items, items)) {
    return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId };
  }
  const resultId = String(nextResultId++);
  lastReports.set(uri, { resultId, items });
  return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
}

export function forgetPulled(uri: string): void {
  lastReports.delete(uri);
  pulledSinceOpen.delete(uri);
}

/** Pushes coalesce: several quick changes to one document publish once, for its latest version. */
const scheduled = new Set<string>();
/** The analysis each document's diagnostics were last pushed from: pushes that get the same one are not repeated. */
const pushedFrom = new Map<string, DocumentAnalysis>();
/** The diagnostics each document was last pushed. */
const pushed = new Map<string, Diagnostic[]>();

function push(session: Session, uri: string, version: number, items: Diagnostic[]): void {
  const diagnostics = keptWhereSame(pushed.get(uri), items);
  pushed.set(uri, diagnostics);
  void session.connection.sendDiagnostics({ uri, version, diagnostics });
}

export function schedulePush(session: Session, uri: string): void {
  if (session.client.pullDiagnostics || scheduled.has(uri)) return;
  scheduled.add(uri);
  setImmediate(() => {
    scheduled.delete(uri);
    if (!session.store.get(uri)) return;
    // Published for the version analysed: a newer one may have superseded the one that asked.
    session
      .analysisOf(uri, undefined, 'findings')
      .then((analysis) => {
        if (!analysis || !session.store.get(uri) || pushedFrom.get(uri) === analysis) return;
        pushedFrom.set(uri, analysis);
        push(session, uri, analysis.version, diagnosticsFrom(session, analysis));
      })
      .catch((error: unknown) => session.connection.console.error(`diagnostics for ${uri} failed: ${String(error)}`));
  });
}

/**
 * On opening a large Python document, diagnostics for its top part go out at once with the document's
 * version, and the complete ones replace them when the analysis thread is done. Never after the
 * complete ones, nor for a version since replaced. Pulling clients get them from `earlyItems`.
 */
export function pushEarly(session: Session, uri: string): void {
  if (session.client.pullDiagnostics) return;
  // After the push scheduled on open has handed the document to the analysis thread, not before.
  setImmediate(() => {
    session
      .earlyAnalysisOf(uri)
      .then((early) => {
        const current = session.store.get(uri)?.document.version;
        if (!early || early.findings.length === 0 || current !== early.version || pushedFrom.get(uri)?.version === early.version) return;
        push(session, uri, early.version, diagnosticsFrom(session, early));
      })
      .catch((error: unknown) => session.connection.console.error(`early diagnostics for ${uri} failed: ${String(error)}`));
  });
}

export function clearPushed(session: Session, uri: string): void {
  pushedFrom.delete(uri);
  pushed.delete(uri);
  if (!session.client.pullDiagnostics) void session.connection.sendDiagnostics({ uri, diagnostics: [] });
}

/** After settings or catalogs change: ask a pulling client to pull again, or push everything anew. */
export function refreshAll(session: Session): void {
  if (session.client.pullDiagnostics) {
    if (session.client.diagnosticRefresh) session.connection.languages.diagnostics.refresh().catch(() => undefined);
    return;
  }
  for (const { document } of session.store.all()) schedulePush(session, document.uri);
}
