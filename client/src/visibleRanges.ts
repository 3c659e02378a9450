/**
 * Tells the server which lines each editor shows of a document it checks (celerySignals/visibleRanges),
 * so that the early diagnostics of a large document just opened cover what is on screen. Scrolling
 * sends the latest ranges once it pauses.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { VISIBLE_RANGES_NOTIFICATION, type VisibleRangesParams } from '../../shared/protocol';
import { LANGUAGES } from './documentSelector';

const SCROLL_PAUSE_MS = 100;

export function reportVisibleRanges(client: LanguageClient): vscode.Disposable {
  const waiting = new Map<string, ReturnType<typeof setTimeout>>();
  const send = (editor: vscode.TextEditor) => {
    if (!LANGUAGES.includes(editor.document.languageId)) return;
    const params: VisibleRangesParams = {
      textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) },
      ranges: editor.visibleRanges.map((range) => ({ start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } })),
    };
    if (client.isRunning()) void client.sendNotification(VISIBLE_RANGES_NOTIFICATION, params);
  };
  const sendAfterPause = (editor: vscode.TextEditor) => {
    const key = editor.document.uri.toString();
    clearTimeout(waiting.get(key));
    waiting.set(key, setTimeout(() => (waiting.delete(key), send(editor)), SCROLL_PAUSE_MS));
  };
  // An editor that appears is reported at once: the document was probably just opened.
  const sendAll = () => vscode.window.visibleTextEditors.forEach(send);
  sendAll();
  const subscriptions = [vscode.window.onDidChangeVisibleTextEditors(sendAll), vscode.window.onDidChangeTextEditorVisibleRanges((event) => sendAfterPause(event.textEditor))];
  return new vscode.Disposable(() => {
    for (const timer of waiting.values()) clearTimeout(timer);
    for (const subscription of subscriptions) subscription.dispose();
  });
}
