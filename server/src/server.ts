/**
 * celery-signals-language-server (`--stdio` or `--node-ipc`): wires LSP requests to the feature
 * modules and nothing else.
 */
// First of all (imports run in order): the analysis thread boots while the rest of the server loads.
import './documents/prestartAnalysisThread';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { FIX_ALL_KIND, onCodeAction } from './features/codeActions';
import { onCompletion } from './features/completion';
import { applyConfiguration, onCeleryVersionChanged } from './features/configuration';
import { detectWorkspaceVersions, versionFilesChanged, watchVersionFiles } from './features/celeryVersion';
import { clearPushed, forgetPulled, forgetSkipAnnouncements, pullDiagnostics, pushEarly, schedulePush } from './features/diagnostics';
import { handlerInsertion, signalChoices } from './features/handlerInsertion';
import { onHover } from './features/hover';
import { announceProjectChange, checkWorkspaceSymbolParams, onCodeLens, onDefinition, onReferences, onSignalMap, onWorkspaceSymbol } from './features/navigation';
import { getParser } from './parsing/treeSitter';
import { grammarsToWarmUp, warmUpAnalysis } from './documents/warmUp';
import type { BackgroundHooks } from './documents/backgroundAnalysis';
import { threadHeap } from './documents/threadHeap';
import { createServerConnection } from './lsp/connection';
import { watchFraming } from './lsp/framing';
import { guardNotification, guardRequest, onEveryRequest } from './lsp/safe';
import { Session, type ClientSupport } from './lsp/session';
import { excludedGlobs } from './project/excludedGlobs';
import { WorkspaceIndex } from './project/workspaceIndex';
import { HANDLER_INSERTION_REQUEST, SIGNAL_CHOICES_REQUEST, SIGNAL_MAP_REQUEST, VISIBLE_RANGES_NOTIFICATION, type HandlerInsertionParams, type VisibleRangesParams } from '../../shared/protocol';
import { checkCodeActionParams, checkDocumentParams, checkHandlerInsertionParams, checkPositionParams, didChangeProblem, didCloseProblem, didOpenProblem, visibleRangesProblem } from './lsp/validate';

const connection = createServerConnection();
let session: Session | undefined;
let workspaceIndex: WorkspaceIndex | undefined;
let canWatchFiles = false;
if (process.argv.includes('--stdio')) {
  watchFraming(process.stdin, (reason) => {
    process.stderr.write(`celery-signals-language-server: the input stream is corrupt (${reason}); exiting so the client can restart the server\n`);
    process.exit(1);
  });
}

onEveryRequest(() => session?.background.requestAnswered());

function clientSupport(params: InitializeParams): ClientSupport {
  const caps = params.capabilities ?? {};
  const completion = caps.textDocument?.completion?.completionItem;
  return {
    pullDiagnostics: !!caps.textDocument?.diagnostic,
    configuration: !!caps.workspace?.configuration,
    diagnosticRefresh: !!caps.workspace?.diagnostics?.refreshSupport,
    snippets: !!completion?.snippetSupport,
    deprecatedTag: !!completion?.tagSupport?.valueSet?.includes(1),
    markdownHover: !!caps.textDocument?.hover?.contentFormat?.includes('markdown'),
    markdownCompletion: !!completion?.documentationFormat?.includes('markdown'),
    codeActionLiterals: !!caps.textDocument?.codeAction?.codeActionLiteralSupport,
    watchedFilesRegistration: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    projectChanges: (params.initializationOptions as { projectChanges?: unknown } | undefined)?.projectChanges === true,
  };
}

function rootsOf(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return uris.flatMap((uri) => {
    try {
      return [fileURLToPath(uri)];
    } catch {
      return [];
    }
  });
}

connection.onInitialize((params): InitializeResult => {
  session = new Session(connection, clientSupport(params), analysisHooks());
  session.clientLocale = params.locale;
  session.workspaceRoots = rootsOf(params);
  // The analysis thread boots and warms up while the client finishes its handshake: a large
  // document opened right after `initialized` then no longer waits for it.
  session.background.start();
  // A client may turn the project index off (`initializationOptions.projectIndex: false`), e.g. for a huge monorepo.
  const indexing = (params.initializationOptions as { projectIndex?: unknown } | undefined)?.projectIndex !== false && session.workspaceRoots.length > 0;
  if (indexing) workspaceIndex = new WorkspaceIndex(session);
  canWatchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: ['.', '@', '(', ',', '=', ' ', "'", '"', '{'], resolveProvider: false },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      workspaceSymbolProvider: true,
      codeLensProvider: { resolveProvider: false },
      codeActionProvider: session.client.codeActionLiterals ? { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND] } : true,
    },
    serverInfo: { name: 'celery-signals-language-server', version: '0.1.0' },
  };
  if (session.client.pullDiagnostics) {
    result.capabilities.diagnosticProvider = { identifier: 'celery-signals', interFileDependencies: indexing, workspaceDiagnostics: indexing };
  }
  return result;
});

/**
 * With CELERY_SIGNALS_TEST_HOLD set (protocol tests only), an analysis of a text holding that marker
 * waits on the analysis thread until the client sends `celerySignals/test/release`; the client hears
 * `celerySignals/test/held` when it starts waiting, `celerySignals/test/queued` when a version is queued,
 * `celerySignals/test/modelPushed` when a model the thread sent unasked has come, and
 * `celerySignals/test/stopped` when the idle thread is stopped. Tests use it to prove what happens meanwhile.
 */
function analysisHooks(): BackgroundHooks {
  const onFailure = (message: string) => connection.console.error(`the analysis thread failed: ${message}`);
  if (!process.env.CELERY_SIGNALS_TEST_HOLD) return { onFailure };
  connection.onNotification('celerySignals/test/release', () => current().background.releaseHeld());
  return {
    onFailure,
    onQueued: (uri, version) => void connection.sendNotification('celerySignals/test/queued', { uri, version }),
    onHeld: (uri, version) => void connection.sendNotification('celerySignals/test/held', { uri, version }),
    onModelPushed: (uri) => void connection.sendNotification('celerySignals/test/modelPushed', { uri }),
    onStopped: () => void connection.sendNotification('celerySignals/test/stopped', {}),
  };
}

function current(): Session {
  if (!session) throw new Error('the server has not been initialized');
  return session;
}

connection.onInitialized(
  guardNotification(connection, 'initialized', async () => {
    detectWorkspaceVersions(current());
    await applyConfiguration(current());
    void watchVersionFiles(current());
    // Both threads run the pipeline once on small modules, so the first document opened is not the one
    // that pays for compiling it. A document the editor opened already (it often comes right after
    // `initialized`) compiles it soon enough by being analysed: warming up first would only make it wait.
    const opened = new Set(current().store.all().map((entry) => current().grammarOf(entry.document.uri)));
    await warmUpAnalysis(grammarsToWarmUp(current().workspaceRoots).filter((grammar) => !opened.has(grammar)));
    // In the background: requests are answered while the project is indexed.
    // The setting (`celerySignals.projectIndex`) can turn the index off as well as the client can.
    if (!current().settings.projectIndex) {
      workspaceIndex?.disable();
      workspaceIndex = undefined;
    }
    void workspaceIndex?.start({ exclude: await excludedGlobs(current()) }, canWatchFiles).catch((error: unknown) => connection.console.error(`project index failed: ${String(error)}`));
  }),
);
connection.onDidChangeConfiguration(
  guardNotification(connection, 'didChangeConfiguration', async (params) => {
    await applyConfiguration(current(), params);
    await workspaceIndex?.reconfigure();
    // The map's labels follow docsLanguage and its signals the catalogs.
    announceProjectChange(current());
  }),
);
connection.onDidChangeWatchedFiles(
  guardNotification(connection, 'didChangeWatchedFiles', async (params) => {
    await workspaceIndex?.onWatchedFiles(params);
    if (!versionFilesChanged(current(), params)) return;
    onCeleryVersionChanged(current());
    // Closed files are judged against the release too.
    await workspaceIndex?.reconfigure();
  }),
);
connection.languages.diagnostics.onWorkspace(guardRequest(connection, 'workspaceDiagnostics', (params) => workspaceIndex?.workspaceDiagnostics(params) ?? { items: [] }));

connection.onDidOpenTextDocument(
  guardNotification(connection, 'didOpen', ({ textDocument }) => {
    // A document opened again without a close must not be served its old analysis.
    current().forgetDocument(textDocument.uri);
    current().store.openDocument(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
    schedulePush(current(), textDocument.uri);
    pushEarly(current(), textDocument.uri);
    workspaceIndex?.documentChanged(textDocument.uri);
    announceProjectChange(current());
  }, didOpenProblem),
);
connection.onNotification(
  VISIBLE_RANGES_NOTIFICATION,
  guardNotification(connection, 'visibleRanges', ({ textDocument, ranges }: VisibleRangesParams) => {
    const s = current();
    if (!s.store.get(textDocument.uri)) return;
    s.lastVisibleLine.set(textDocument.uri, ranges.reduce((last, range) => Math.max(last, range.end.line), 0));
  }, visibleRangesProblem),
);
connection.onDidChangeTextDocument(
  guardNotification(connection, 'didChange', ({ textDocument, contentChanges }) => {
    if (!current().store.change(textDocument.uri, textDocument.version, contentChanges)) return;
    schedulePush(current(), textDocument.uri);
    workspaceIndex?.documentChanged(textDocument.uri);
    announceProjectChange(current());
  }, didChangeProblem),
);
connection.onDidCloseTextDocument(
  guardNotification(connection, 'didClose', ({ textDocument }) => {
    const s = current();
    s.store.close(textDocument.uri);
    s.forgetDocument(textDocument.uri);
    forgetSkipAnnouncements(textDocument.uri);
    forgetPulled(textDocument.uri);
    clearPushed(s, textDocument.uri);
    workspaceIndex?.documentChanged(textDocument.uri);
    announceProjectChange(s);
  }, didCloseProblem),
);

connection.languages.diagnostics.on(guardRequest(connection, 'diagnostics', (params, token) => pullDiagnostics(current(), params, token), checkDocumentParams));
connection.onCompletion(guardRequest(connection, 'completion', (params, token) => onCompletion(current(), params, token), checkPositionParams));
connection.onHover(guardRequest(connection, 'hover', (params, token) => onHover(current(), params, token), checkPositionParams));
connection.onCodeAction(guardRequest(connection, 'codeAction', (params, token) => onCodeAction(current(), params, token), checkCodeActionParams));
connection.onDefinition(guardRequest(connection, 'definition', (params) => onDefinition(current(), params), checkPositionParams));
connection.onReferences(guardRequest(connection, 'references', (params) => onReferences(current(), params), checkPositionParams));
connection.onWorkspaceSymbol(guardRequest(connection, 'workspaceSymbol', (params) => onWorkspaceSymbol(current(), params), checkWorkspaceSymbolParams));
connection.onCodeLens(guardRequest(connection, 'codeLens', (params) => onCodeLens(current(), params), checkDocumentParams));
connection.onRequest(SIGNAL_MAP_REQUEST, guardRequest(connection, 'signalMap', () => onSignalMap(current())));
connection.onRequest(SIGNAL_CHOICES_REQUEST, guardRequest(connection, 'signalChoices', () => signalChoices(current())));
connection.onRequest(
  HANDLER_INSERTION_REQUEST,
  guardRequest(connection, 'handlerInsertion', (params: HandlerInsertionParams) => handlerInsertion(current(), params), checkHandlerInsertionParams),
);
// Memory as this process sees it, with each thread's V8 heap (`threads`): the benchmark prints it.
connection.onRequest('celerySignals/memoryUsage', async () => ({
  ...process.memoryUsage(),
  threads: { main: threadHeap(), analysis: await session?.background.heap() },
}));
connection.onShutdown(() => {
  session?.cache.trees.dispose();
  session?.background.dispose();
});

// A client that exits without `shutdown` leaves a dangling pipe: do not keep the process alive on it.
process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${error.stack ?? error.message}`));
// The Python grammar is compiled while the editor is still busy with the handshake: every session
// needs it (the warm-up, or the first document when one comes first), and compiling it is one of the
// larger parts of a cold first analysis.
void getParser('python').catch(() => undefined);
connection.listen();
