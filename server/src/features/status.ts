/**
 * `celerySignals/status`: what the server assumes, sent after every configuration change so a client
 * can show it (VS Code's language status item). Not part of LSP; other clients ignore it.
 */
import type { Session } from '../lsp/session';

export const STATUS_NOTIFICATION = 'celerySignals/status';

export interface ServerStatus {
  /** The Celery release the rules judge against. */
  celeryVersion: string;
  /** `setting`: celerySignals.celeryVersion; `catalog-latest`: none set, so the catalog's newest release. */
  celeryVersionSource: 'setting' | 'catalog-latest';
  /** User catalog files named by celerySignals.catalogs (absolute paths); empty for the bundled catalog only. */
  userCatalogs: string[];
  /** One line per user catalog that was ignored, and why. */
  catalogProblems: string[];
  signalCount: number;
}

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
