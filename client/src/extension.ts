/**
 * Entry point of the VS Code extension: one language client for the bundled server, the restart,
 * fix-all and insert-handler commands, the language status items, the signal map view, and the on/off switch
 * (`celerySignals.enable`). The extension runs nothing
 * from the workspace: the server is the bundled one and catalogs are only read as data.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PROJECT_CHANGED_NOTIFICATION } from '../../shared/protocol';
import { insertHandler } from './insertHandler';
import { createLanguageClient } from './languageClient';
import { messagesFor, uiLanguageOf } from './messages';
import { registerSignalMap, renderedTree, type RenderedNode, type SignalMapProvider } from './signalMap';
import { StatusItems } from './statusItems';
import { statusMessagesFor } from './statusMessages';
import { reportVisibleRanges } from './visibleRanges';

let client: LanguageClient | undefined;
let visibleRanges: { dispose(): void } | undefined;
let status: StatusItems | undefined;
let signalMap: SignalMapProvider | undefined;

/** The code action kind the server offers for "fix all" (also what codeActionsOnSave asks for). */
export const FIX_ALL_KIND = 'source.fixAll.celerySignals';

function enabled(): boolean {
  return vscode.workspace.getConfiguration('celerySignals').get<boolean>('enable', true);
}

async function startClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<void> {
  if (client) return;
  client = createLanguageClient(context, output);
  status?.attach(client);
  client.onNotification(PROJECT_CHANGED_NOTIFICATION, () => signalMap?.refreshSoon());
  await client.start();
  visibleRanges = reportVisibleRanges(client);
  signalMap?.refresh();
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  visibleRanges?.dispose();
  visibleRanges = undefined;
  if (running) await running.stop();
  status?.showOff();
  signalMap?.refresh();
}

export interface CelerySignalsApi {
  isServerRunning(): boolean;
  /** The signal map's rows as the view shows them. */
  signalMapTree(): Promise<RenderedNode[]>;
}

export async function activate(context: vscode.ExtensionContext): Promise<CelerySignalsApi> {
  const ui = uiLanguageOf(vscode.env.language);
  const messages = messagesFor(ui);
  const output = vscode.window.createOutputChannel('Celery Signals', { log: true });
  context.subscriptions.push(output);
  status = new StatusItems(statusMessagesFor(ui));
  context.subscriptions.push(status);
  signalMap = registerSignalMap(context, () => client, messages);

  context.subscriptions.push(
    vscode.commands.registerCommand('celerySignals.restartServer', async () => {
      if (!enabled()) {
        void vscode.window.showInformationMessage(messages.serverDisabled);
        return false;
      }
      output.info(messages.serverRestarting);
      try {
        await stopClient();
        await startClient(context, output);
        void vscode.window.setStatusBarMessage(messages.serverRestarted, 3000);
        return true;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        output.error(messages.restartFailed(reason));
        void vscode.window.showErrorMessage(messages.restartFailed(reason));
        return false;
      }
    }),
    vscode.commands.registerCommand('celerySignals.showOutput', () => output.show()),
    vscode.commands.registerCommand('celerySignals.fixAll', () => vscode.commands.executeCommand('editor.action.codeAction', { kind: FIX_ALL_KIND, apply: 'first' })),
    vscode.commands.registerCommand('celerySignals.refreshSignalMap', () => signalMap?.refresh()),
    vscode.commands.registerCommand('celerySignals.insertHandler', (signalName?: unknown) =>
      insertHandler(client, messages, typeof signalName === 'string' ? signalName : undefined),
    ),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration('celerySignals.enable')) return;
      if (enabled()) await startClient(context, output);
      else await stopClient();
    }),
  );

  if (enabled()) await startClient(context, output);
  const map = signalMap;
  return { isServerRunning: () => client?.isRunning() ?? false, signalMapTree: () => renderedTree(map) };
}

export function deactivate(): Promise<void> {
  return stopClient();
}
