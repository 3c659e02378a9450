/**
 * Go to definition and find references on a signal, workspace symbols for receivers, a code lens over
 * each receiver and the signal map (celerySignals/signalMap): thin adapters over analysis/navigation,
 * reading the project through `session.projectFiles()`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  SymbolKind,
  type CodeLens,
  type CodeLensParams,
  type DefinitionParams,
  type Location,
  type ReferenceParams,
  type SymbolInformation,
  type WorkspaceSymbolParams,
} from 'vscode-languageserver/node';
import { receiverLenses } from '../analysis/navigation/codeLens';
import { lineStartsOf, locationIn, signalNamedAt, type NavigableFile } from '../analysis/navigation/projectFiles';
import { projectDefinitionOf, signalReferences } from '../analysis/navigation/references';
import { signalMap } from '../analysis/navigation/signalMap';
import { receiverSymbols } from '../analysis/navigation/symbols';
import { bundledCatalogFile, type Catalog } from '../catalog/catalog';
import { signalEntrySpans } from '../catalog/catalogEntries';
import { readCatalogFileAsync } from '../catalog/load';
import { userCatalogFiles } from './configuration';
import { InvalidParams } from '../lsp/validate';
import type { Session } from '../lsp/session';
import { PROJECT_CHANGED_NOTIFICATION, type SignalMapResult } from '../../../shared/protocol';

/**
 * The catalog a document's project is judged with: its workspace folder's index's, which adds the
 * project's own signals; without a document (the signal map), the first folder's. Else the catalog in force.
 */
function catalogOfProject(session: Session, uri?: string): Catalog {
  if (uri) return session.catalogFor(uri);
  return session.projects.values().next().value?.catalog ?? session.catalog;
}

/** The project's files, with every open document analysed first so none is missing or stale. */
async function currentProject(session: Session): Promise<Iterable<NavigableFile>> {
  for (const { document } of session.store.all()) await session.analysisOf(document.uri);
  return session.projectFiles();
}

/** The open document at `uri` as a project file, analysed first so it is current. */
async function currentFile(session: Session, uri: string): Promise<NavigableFile | undefined> {
  const analysis = await session.analysisOf(uri);
  if (!analysis?.model) return undefined;
  for (const file of session.projectFiles()) if (file.uri === uri && file.model === analysis.model) return file;
  return { path: uri, uri, model: analysis.model, lineStarts: lineStartsOf(analysis.text) };
}

async function signalAtPosition(session: Session, uri: string, position: { line: number; character: number }): Promise<string | undefined> {
  const analysis = await session.analysisOf(uri);
  if (!analysis?.model) return undefined;
  return signalNamedAt(analysis.model, analysis.index.offsetAt(position))?.name;
}

/** The bundled catalog file as shipped next to the server (schemas/ at the package root), read once. */
let bundledEntries: { file: { uri: string; lineStarts: number[] }; spans: Map<string, { start: number; end: number }> } | null | undefined;

function bundledCatalogEntries(): typeof bundledEntries {
  if (bundledEntries !== undefined) return bundledEntries;
  bundledEntries = null;
  // The bundle runs from server/out; the sources (tests through tsx) from server/src/features.
  for (const up of [['..', '..'], ['..', '..', '..']]) {
    const file = path.join(__dirname, ...up, 'schemas', 'celery-signals.json');
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    const uri = pathToFileURL(file).toString();
    bundledEntries = { file: { uri, lineStarts: lineStartsOf(text) }, spans: signalEntrySpans(text) };
    break;
  }
  return bundledEntries;
}

/** The entry of `signal` in the user catalog that defines it (the last one that has it). */
async function userCatalogEntry(signal: string): Promise<Location | undefined> {
  for (const file of [...userCatalogFiles()].reverse()) {
    const text = await readCatalogFileAsync(file);
    if (typeof text !== 'string') continue;
    const span = signalEntrySpans(text).get(signal);
    if (span) return locationIn({ uri: pathToFileURL(file).toString(), lineStarts: lineStartsOf(text) }, span);
  }
  return undefined;
}

/**
 * A project's own signal: its `Signal(...)`. One of Celery's: its entry in the bundled catalog, which
 * holds what the signal sends, its sender and where it runs. A signal of a user's catalog: its entry there.
 */
export async function onDefinition(session: Session, params: DefinitionParams): Promise<Location | null> {
  const signal = await signalAtPosition(session, params.textDocument.uri, params.position);
  if (!signal) return null;
  const catalog = catalogOfProject(session, params.textDocument.uri);
  const project = projectDefinitionOf(await currentProject(session), signal, catalog);
  if (project) return project;
  const spec = catalog.get(signal);
  if (!spec) return null;
  if (!bundledCatalogFile.signals.includes(spec)) return (await userCatalogEntry(signal)) ?? null;
  const entries = bundledCatalogEntries();
  const span = entries?.spans.get(signal);
  return entries && span ? locationIn(entries.file, span) : null;
}

export async function onReferences(session: Session, params: ReferenceParams): Promise<Location[] | null> {
  const signal = await signalAtPosition(session, params.textDocument.uri, params.position);
  if (!signal) return null;
  return signalReferences(await currentProject(session), signal, catalogOfProject(session, params.textDocument.uri), !!params.context?.includeDeclaration);
}

export function checkWorkspaceSymbolParams(params: unknown): void {
  if (!params || typeof params !== 'object' || typeof (params as { query?: unknown }).query !== 'string') {
    throw new InvalidParams('query must be a string');
  }
}

export async function onWorkspaceSymbol(session: Session, params: WorkspaceSymbolParams): Promise<SymbolInformation[]> {
  return receiverSymbols(await currentProject(session), params.query).map((s) => ({
    name: s.name,
    kind: SymbolKind.Function,
    location: s.location,
    containerName: s.container,
  }));
}

/** The lens is a label: an empty command id makes VS Code show it without a link. */
export async function onCodeLens(session: Session, params: CodeLensParams): Promise<CodeLens[]> {
  const file = await currentFile(session, params.textDocument.uri);
  if (!file) return [];
  return receiverLenses(file, session.docsLanguage).map((lens) => ({ range: lens.location.range, command: { title: lens.title, command: '' } }));
}

export async function onSignalMap(session: Session): Promise<SignalMapResult> {
  return signalMap(await currentProject(session), catalogOfProject(session), session.docsLanguage);
}

/** Changes closer together than this are announced once. */
const ANNOUNCE_PAUSE_MS = 300;
let announcement: NodeJS.Timeout | undefined;

/**
 * Tells the client the project changed (see PROJECT_CHANGED_NOTIFICATION), once per burst of changes;
 * only a client that asked for it, since some editors warn about every notification they do not know.
 */
export function announceProjectChange(session: Session): void {
  if (announcement || !session.client.projectChanges) return;
  announcement = setTimeout(() => {
    announcement = undefined;
    void session.connection.sendNotification(PROJECT_CHANGED_NOTIFICATION).catch(() => undefined);
  }, ANNOUNCE_PAUSE_MS);
  announcement.unref();
}
