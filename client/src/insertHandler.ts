/**
 * "Celery Signals: Insert handler for signal…": a quick pick of the signals the server knows for this
 * document (users' catalogs included), then the handler and its import as the server lays them out.
 * The client only shows and applies; tests pass the signal name as the command argument.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { languageFor } from '../../shared/languages';
import {
  HANDLER_INSERTION_REQUEST,
  SIGNAL_CHOICES_REQUEST,
  type HandlerInsertionParams,
  type HandlerInsertionResult,
  type Range,
  type SignalChoice,
  type SignalChoicesParams,
  type SignalChoicesResult,
} from '../../shared/protocol';
import type { Messages } from './messages';

interface SignalPick extends vscode.QuickPickItem {
  signal: string;
}

function pickItems(signals: readonly SignalChoice[], messages: Messages): SignalPick[] {
  return signals.map((signal) => ({
    label: signal.name,
    description: signal.deprecated ? messages.deprecatedSignal(signal.deprecated.replacement) : signal.category,
    detail: signal.summary,
    signal: signal.name,
  }));
}

const toRange = (range: Range) => new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);

async function chooseSignal(client: LanguageClient, uri: string, messages: Messages): Promise<string | undefined> {
  const params: SignalChoicesParams = { textDocument: { uri } };
  const { signals } = await client.sendRequest<SignalChoicesResult>(SIGNAL_CHOICES_REQUEST, params);
  const picked = await vscode.window.showQuickPick(pickItems(signals, messages), {
    placeHolder: messages.pickSignalPlaceholder,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.signal;
}

export async function insertHandler(client: LanguageClient | undefined, messages: Messages, signalName?: string): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage(messages.noActiveEditor);
    return false;
  }
  const document = editor.document;
  if (!languageFor(document.languageId)) {
    void vscode.window.showWarningMessage(messages.unsupportedLanguage(document.languageId));
    return false;
  }
  if (!client?.isRunning()) {
    void vscode.window.showWarningMessage(messages.serverNotRunning);
    return false;
  }
  const uri = client.code2ProtocolConverter.asUri(document.uri);
  const signal = signalName ?? (await chooseSignal(client, uri, messages));
  if (!signal) return false;
  const cursor = editor.selection.active;
  const params: HandlerInsertionParams = { textDocument: { uri }, position: { line: cursor.line, character: cursor.character }, signal };
  const plan = await client.sendRequest<HandlerInsertionResult>(HANDLER_INSERTION_REQUEST, params);
  if ('problem' in plan) {
    void vscode.window.showWarningMessage(plan.problem === 'unknown-signal' ? messages.unknownSignal(signal) : messages.serverNotRunning);
    return false;
  }
  if (plan.importEdits.length) {
    const applied = await editor.edit((builder) => {
      for (const edit of plan.importEdits) builder.replace(toRange(edit.range), edit.newText);
    }, { undoStopBefore: true, undoStopAfter: false });
    if (!applied) return false;
  }
  // The server wrote every line break and indent already: VS Code must not re-indent the snippet.
  return editor.insertSnippet(new vscode.SnippetString(plan.snippet), toRange(plan.range), { undoStopBefore: false, undoStopAfter: true, keepWhitespace: true });
}
