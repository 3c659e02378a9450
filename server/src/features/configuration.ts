/**
 * Settings (`celerySignals.*`) and user catalogs: read at start and on every didChangeConfiguration,
 * then every document's diagnostics are refreshed. Catalog problems are shown, never thrown.
 */
import { pathToFileURL } from 'node:url';
import { MessageType, type DidChangeConfigurationParams } from 'vscode-languageserver/node';
import { getBundledCatalog } from '../catalog/catalog';
import { toCatalogDiagnostic } from '../lsp/convert';
import type { Session } from '../lsp/session';
import { parseSettings } from '../lsp/settings';
import { formatCatalogProblem, type CatalogProblem } from '../catalog/load';
import { loadUserCatalogs } from '../lsp/userCatalogs';
import { refreshAll } from './diagnostics';
import { sendStatus } from './status';

let reportedCatalogFiles: string[] = [];
/** The catalog problems in force, repeated in every status notification until the catalogs change. */
let catalogProblemLines: string[] = [];

function reportCatalogProblems(session: Session, files: string[], problems: CatalogProblem[]): void {
  const uris = new Set([...reportedCatalogFiles, ...files].map((f) => pathToFileURL(f).toString()));
  for (const uri of uris) {
    const diagnostics = problems
      .filter((p) => pathToFileURL(p.file).toString() === uri)
      .map((p) => toCatalogDiagnostic(p.message, p.range));
    void session.connection.sendDiagnostics({ uri, diagnostics });
  }
  reportedCatalogFiles = files;
  // One message per file, however many problems it has: the diagnostics on the file list them all.
  for (const file of new Set(problems.map((p) => p.file))) {
    const ofFile = problems.filter((p) => p.file === file);
    const more = ofFile.length > 1 ? ` (and ${ofFile.length - 1} more problem${ofFile.length > 2 ? 's' : ''})` : '';
    session.connection.sendNotification('window/showMessage', {
      type: MessageType.Error,
      message: `Celery Signals: a user catalog was ignored: ${formatCatalogProblem(ofFile[0])}${more}`,
    });
  }
}

async function fetchSettings(session: Session, pushed: unknown): Promise<unknown> {
  if (!session.client.configuration) return pushed;
  try {
    return await session.connection.workspace.getConfiguration('celerySignals');
  } catch {
    return pushed;
  }
}

/** After the project's files changed the Celery release: judge every document again and say so. */
export function onCeleryVersionChanged(session: Session): void {
  session.invalidateAnalyses();
  sendStatus(session, reportedCatalogFiles, catalogProblemLines);
  refreshAll(session);
}

/** The user catalog files read, in the order they apply: a later file's signal replaces an earlier one's. */
export function userCatalogFiles(): readonly string[] {
  return reportedCatalogFiles;
}

export async function applyConfiguration(session: Session, params?: DidChangeConfigurationParams): Promise<void> {
  const pushed = (params?.settings as { celerySignals?: unknown } | undefined)?.celerySignals;
  const settings = parseSettings(await fetchSettings(session, pushed ?? session.settings));
  const catalogsChanged = JSON.stringify(settings.catalogs) !== JSON.stringify(session.settings.catalogs) || settings.catalogs.length > 0;
  session.settings = settings;
  if (catalogsChanged) {
    if (settings.catalogs.length === 0) session.catalog = getBundledCatalog();
    else {
      const loaded = await loadUserCatalogs(settings.catalogs, session.workspaceRoots, settings.userCatalogs);
      session.catalog = loaded.catalog;
      reportCatalogProblems(session, loaded.files, loaded.problems);
      catalogProblemLines = loaded.problems.map(formatCatalogProblem);
    }
    if (settings.catalogs.length === 0) catalogProblemLines = [];
    if (settings.catalogs.length === 0 && reportedCatalogFiles.length) reportCatalogProblems(session, [], []);
  }
  session.invalidateAnalyses();
  session.markSettingsLoaded();
  sendStatus(session, reportedCatalogFiles, catalogProblemLines);
  refreshAll(session);
}
