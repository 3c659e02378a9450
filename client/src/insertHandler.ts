/**
 * "Celery Signals: Insert handler for signal…": a quick pick of every catalog signal (one-line doc in
 * the UI language), then the full handler snippet, plus its import when missing, in the active editor.
 * Tests pass the signal name as the command argument to skip the quick pick.
 */
import * as vscode from 'vscode';
import { getBundledCatalog } from '../../server/src/catalog/catalog';
import type { SignalSpec } from '../../server/src/catalog/types';
import { snippetsFor, type SignalSnippet, type SnippetLanguage } from '../../server/src/analysis/snippets';
import { planImport } from './handlerInsertion';
import { localized } from './localizedText';
import type { Messages, UiLanguage } from './messages';

const snippetLanguageById: Record<string, SnippetLanguage> = {
  python: 'python',
  typescript: 'typescript',
  typescriptreact: 'typescript',
  javascript: 'typescript',
  javascriptreact: 'typescript',
};

interface SignalPick extends vscode.QuickPickItem {
  signal: SignalSpec;
}

function pickItems(signals: readonly SignalSpec[], ui: UiLanguage, messages: Messages): SignalPick[] {
  return signals.map((signal) => ({
    label: signal.name,
    description: signal.deprecated ? messages.deprecatedSignal(signal.deprecated.replacement) : signal.category,
    detail: localized(signal.summary, ui),
    signal,
  }));
}

async function insertImport(editor: vscode.TextEditor, snippet: SignalSnippet, signal: SignalSpec): Promise<void> {
  const document = editor.document;
  const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const plan = planImport(document.getText(), snippet, signal.inStarImport, eol);
  if (!plan) return;
  const atEnd = plan.line >= document.lineCount;
  const position = atEnd ? document.lineAt(document.lineCount - 1).range.end : new vscode.Position(plan.line, 0);
  await editor.edit((builder) => builder.insert(position, atEnd ? eol + plan.text : plan.text));
}

/** The handler goes at the cursor on an empty line, else on a new line below the cursor's line. */
async function insertBody(editor: vscode.TextEditor, snippet: SignalSnippet): Promise<void> {
  const cursorLine = editor.document.lineAt(editor.selection.active.line);
  if (cursorLine.isEmptyOrWhitespace) {
    await editor.insertSnippet(new vscode.SnippetString(snippet.body), editor.selection.active);
    return;
  }
  await editor.insertSnippet(new vscode.SnippetString(`\n${snippet.body}`), cursorLine.range.end);
}

export async function insertHandler(ui: UiLanguage, messages: Messages, signalName?: string): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage(messages.noActiveEditor);
    return false;
  }
  const language = snippetLanguageById[editor.document.languageId];
  if (!language) {
    void vscode.window.showWarningMessage(messages.unsupportedLanguage(editor.document.languageId));
    return false;
  }
  const catalog = getBundledCatalog();
  let signal: SignalSpec | undefined;
  if (signalName) {
    signal = catalog.get(signalName) ?? catalog.signals.find((s) => s.name.split('.').pop() === signalName);
    if (!signal) {
      void vscode.window.showWarningMessage(messages.unknownSignal(signalName));
      return false;
    }
  } else {
    const picked = await vscode.window.showQuickPick(pickItems(catalog.signals, ui, messages), {
      placeHolder: messages.pickSignalPlaceholder,
      matchOnDescription: true,
      matchOnDetail: true,
    });
    signal = picked?.signal;
  }
  if (!signal) return false;
  const celeryVersion = vscode.workspace.getConfiguration('celerySignals', editor.document).get<string>('celeryVersion');
  const snippet = snippetsFor(catalog, language, celeryVersion || undefined).find((s) => s.signal === signal.name);
  if (!snippet) return false;
  await insertImport(editor, snippet, signal);
  await insertBody(editor, snippet);
  return true;
}
