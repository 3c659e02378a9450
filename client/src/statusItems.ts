/**
 * Two language status items next to the language mode: the Celery release the server judges against
 * (and where that came from, with catalog problems), linking to the settings; and the server's state,
 * linking to the output channel. The server reports what it assumes in `celerySignals/status`.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { documentSelector } from './documentSelector';
import { STATUS_NOTIFICATION, type ServerStatus } from '../../shared/protocol';
import type { StatusMessages } from './statusMessages';

/** Contributed in package.json and registered by extension.ts. */
export const SHOW_OUTPUT_COMMAND = 'celerySignals.showOutput';

export class StatusItems implements vscode.Disposable {
  private readonly version: vscode.LanguageStatusItem;
  private readonly server: vscode.LanguageStatusItem;
  private clientSubscriptions: vscode.Disposable[] = [];

  constructor(private readonly messages: StatusMessages) {
    const selector = documentSelector();
    this.version = vscode.languages.createLanguageStatusItem('celerySignals.celeryVersion', selector);
    this.version.name = messages.versionItemName;
    this.version.text = messages.celeryVersion('…');
    this.version.command = { title: messages.openSettings, command: 'workbench.action.openSettings', arguments: ['celerySignals'] };
    this.server = vscode.languages.createLanguageStatusItem('celerySignals.server', selector);
    this.server.name = messages.serverItemName;
    this.server.command = { title: messages.showOutput, command: SHOW_OUTPUT_COMMAND };
    this.showOff();
  }

  /** Follows a (new) client: its state, and the status it relays from the server. */
  attach(client: LanguageClient): void {
    this.detach();
    this.showState(client.state);
    this.clientSubscriptions = [
      client.onDidChangeState((event) => this.showState(event.newState)),
      client.onNotification(STATUS_NOTIFICATION, (status: ServerStatus) => this.showStatus(status)),
    ];
  }

  showOff(): void {
    this.detach();
    this.server.text = `$(circle-slash) ${this.messages.serverOff}`;
    this.server.severity = vscode.LanguageStatusSeverity.Information;
    this.server.busy = false;
  }

  private showState(state: State): void {
    const { messages } = this;
    this.server.busy = state === State.Starting;
    this.server.severity = state === State.Stopped ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    this.server.text =
      state === State.Running ? `$(check) ${messages.serverRunning}` : state === State.Starting ? messages.serverStarting : `$(error) ${messages.serverStopped}`;
  }

  private showStatus(status: ServerStatus): void {
    const { messages } = this;
    const problems = status.catalogProblems.length;
    this.version.text = `${problems ? '$(error) ' : ''}${messages.celeryVersion(status.celeryVersion)}`;
    const origin = status.celeryVersionOrigin;
    const where = origin && `${vscode.workspace.asRelativePath(origin.file)}:${origin.line}`;
    const details = [
      status.celeryVersionSource === 'setting'
        ? messages.fromSetting
        : origin && where
          ? messages.fromProject(where, origin.specifier, origin.lowestOfRange, origin.kind === 'lock')
          : messages.fromCatalog,
    ];
    if (status.versionFileProblems?.length) details.push(messages.versionFileProblems(status.versionFileProblems.length));
    if (status.userCatalogs.length) details.push(messages.userCatalogs(status.userCatalogs.length));
    if (problems) details.push(messages.catalogProblems(problems));
    this.version.detail = details.join('; ');
    this.version.severity = problems ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
  }

  private detach(): void {
    for (const subscription of this.clientSubscriptions) subscription.dispose();
    this.clientSubscriptions = [];
  }

  dispose(): void {
    this.detach();
    this.version.dispose();
    this.server.dispose();
  }
}
