/**
 * `celerySignals/status`: what the server assumes, sent after every configuration change so a client
 * can show it (VS Code's language status item). Not part of LSP; other clients ignore it.
 */
import { STATUS_NOTIFICATION, type ServerStatus } from '../../../shared/protocol';
import type { Session } from '../lsp/session';

export function sendStatus(session: Session, userCatalogs: string[], catalogProblems: string[]): void {
  const status: ServerStatus = {
    celeryVersion: session.celeryVersion,
    celeryVersionSource: session.settings.celeryVersion ? 'setting' : 'catalog-latest',
    userCatalogs,
    catalogProblems,
    signalCount: session.catalog.signals.length,
  };
  void session.connection.sendNotification(STATUS_NOTIFICATION, status);
}
