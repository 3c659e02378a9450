// The floor of the server benchmark: a language server that does nothing, built on the same
// libraries as ours (vscode-languageserver over stdio, incremental sync kept by
// vscode-languageserver-textdocument). It answers every edit with an empty diagnostic list and every
// hover and completion with nothing, so what it costs is the transport and the document bookkeeping.
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    hoverProvider: true,
    completionProvider: { triggerCharacters: ['.', '('] },
    diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
  },
}));
documents.onDidChangeContent(({ document }) => {
  void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [] });
});
connection.onHover(() => null);
connection.onCompletion(() => ({ isIncomplete: false, items: [] }));
connection.languages.diagnostics.on(() => ({ kind: 'full', items: [] }));
// The same memory report as our server's, so the benchmark can print heap ratios.
connection.onRequest('celerySignals/memoryUsage', () => process.memoryUsage());
documents.listen(connection);
connection.listen();
