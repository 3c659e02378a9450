/**
 * `celerySignals/status`: what the server assumes, sent after every configuration change so a client
 * can show it (VS Code's language status item). Not part of LSP; other clients ignore it.
 */
import { STATUS_NOTIFICATION, type ServerStatus } from '../../../shared/protocol';
import type { Session } from '../lsp/session';
import { versionAssumption, versionFileProblems } from './celeryVersion';

export function sendStatus(session: Session, userCatalogs: string[], catalogProblems: string[]): void {
  const assumed = versionAssumption(session);
  const detected = assumed.detected;
  const status: ServerStatus = {
    celeryVersion: assumed.version,
    celeryVersionSource: assumed.source,
    ...(detected ? { celeryVersionOrigin: { ...detected.source, specifier: detected.specifier, lowestOfRange: detected.lowestOfRange, kind: detected.kind } } : {}),
    versionFileProblems: versionFileProblems(session),
    userCatalogs,
    catalogProblems,
    signalCount: session.catalog.signals.length,
  };
  void session.connection.sendNotification(STATUS_NOTIFICATION, status);
}
