/**
 * Starts the bundled language server (`server/out/server.js`) over IPC for Python and TS/JS documents.
 * Crashes are handled by the client's default error handler, which restarts the server until it has
 * crashed too often within three minutes.
 */
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type ConfigurationMiddleware,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { documentSelector } from './documentSelector';
import { CODE_CACHE_VARIABLE, SERVER_ENVIRONMENT, SERVER_NODE_OPTIONS } from '../../shared/serverNodeOptions';

export const SERVER_BUNDLE = 'server/out/server.js';
/** Restarts allowed in three minutes before the client gives up and says so. */
export const MAX_RESTARTS = 4;

/**
 * Adds `userCatalogs` (the catalogs of the user's own settings) to the `celerySignals` section the
 * server asks for: the server reads catalogs outside the workspace folders only when the user, not the
 * workspace, named them. Computed here on every request, so a workspace cannot supply it.
 */
const withUserCatalogs: NonNullable<ConfigurationMiddleware['configuration']> = async (params, token, next) => {
  const answer = await next(params, token);
  if (!Array.isArray(answer)) return answer;
  return answer.map((value: unknown, i) => {
    if (params.items[i]?.section !== 'celerySignals' || !value || typeof value !== 'object') return value;
    const userCatalogs = vscode.workspace.getConfiguration('celerySignals').inspect<string[]>('catalogs')?.globalValue ?? [];
    return { ...(value as object), userCatalogs };
  });
};

export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(SERVER_BUNDLE);
  // The code cache lives in the extension's own storage, never in a workspace; the debug run compiles
  // everything eagerly (--nolazy), so it keeps none.
  const codeCache = vscode.Uri.joinPath(context.globalStorageUri, 'code-cache').fsPath;
  const serverOptions: ServerOptions = {
    // The client adds `env` to its own environment.
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS], env: { ...SERVER_ENVIRONMENT, [CODE_CACHE_VARIABLE]: codeCache } } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS, '--nolazy', '--inspect=6029'], env: { ...SERVER_ENVIRONMENT } } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    outputChannel,
    // The trace setting is read by the client itself from `<section>.trace.server`.
    synchronize: { configurationSection: 'celerySignals' },
    connectionOptions: { maxRestartCount: MAX_RESTARTS },
    // The client sends `vscode.env.language` as the initialize `locale`; repeating it here lets a
    // server that reads initializationOptions resolve `docsLanguage: auto` as well. `projectChanges`:
    // the signal map view wants celerySignals/projectChanged.
    initializationOptions: {
      locale: vscode.env.language,
      projectChanges: true,
      // Known before the server declares workspace diagnostics: the client keeps a closed file's
      // problems for the workspace pull to update, so that pull must only be declared when it runs.
      projectIndex: vscode.workspace.getConfiguration('celerySignals').get<boolean>('projectIndex', true),
    },
    middleware: { workspace: { configuration: withUserCatalogs } },
  };
  return new LanguageClient('celerySignals', 'Celery Signals', serverOptions, clientOptions);
}
