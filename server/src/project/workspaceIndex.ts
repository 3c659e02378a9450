/**
 * The language server's side of the project index: the first build runs in the background after
 * `initialized` (reported as work-done progress, yielding between files so requests are answered
 * meanwhile), files changed on disk arrive through `workspace/didChangeWatchedFiles` (watchers
 * registered dynamically), open documents' edits update it after a pause in typing, and the problems
 * of files that are not open reach the client: through `workspace/diagnostic` when it pulls, pushed
 * otherwise.
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isInside } from '../io/paths';
import {
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  WatchKind,
  type Diagnostic,
  type DidChangeWatchedFilesParams,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { readSource } from '../cli/files';
import { toDiagnostic } from '../lsp/convert';
import { BACKGROUND_MIN_LENGTH, type Session } from '../lsp/session';
import { grammarFor } from '../parsing/treeSitter';
import { ProjectIndex, type IndexChange, type ProjectFile } from './projectIndex';
import type { ExtractRequest } from './extractFile';
import type { Catalog } from '../catalog/catalog';
import { walkProject } from './walk';
import { locationIn } from '../analysis/navigation/projectFiles';
import type { Span } from '../analysis/model';
import { versionAssumption } from '../features/celeryVersion';
import { refreshAll, schedulePush } from '../features/diagnostics';
import { announceProjectChange } from '../features/navigation';
import { heldText } from '../documents/chunkedDocument';

/** Typing pauses this long before an open document's text reaches the index. */
const EDIT_SETTLE_MS = 300;
const WATCHED = '**/*.{py,pyi,ts,tsx,mts,cts,js,jsx,mjs,cjs}';
/** A deleted folder is reported as the folder alone, which the pattern above does not match. */
const DELETIONS = { globPattern: '**/*', kind: WatchKind.Delete };

export interface WorkspaceIndexOptions {
  /** `files.exclude`-style globs, relative to the workspace folder. */
  exclude: readonly string[];
}

export class WorkspaceIndex {
  /** Settles when the first build is done (or was not started). */
  readonly ready: Promise<void>;
  private markReady!: () => void;
  private pendingEdits = new Map<string, ReturnType<typeof setTimeout>>();
  private queue: Promise<unknown> = Promise.resolve();
  /** What each folder's project added to the catalog when open documents were last judged. */
  private catalogSignatures = new Map<string, string>();
  /** What was pushed for each closed file, so only changes are pushed again. */
  private pushed = new Map<string, string>();

  constructor(private readonly session: Session) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  /** The index is turned off: whatever waits for it gets an empty project. */
  disable(): void {
    this.markReady();
  }

  /** Builds the index of every workspace folder, one after another; resolves when they are ready. */
  async start(options: WorkspaceIndexOptions, canWatch: boolean): Promise<void> {
    const roots = this.session.workspaceRoots;
    const progress = roots.length > 0 ? await this.session.connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    try {
      progress?.begin('Celery Signals', 0, 'Indexing the project', false);
      for (const root of roots) {
        const files = await walkProject(root, { exclude: options.exclude });
        const folder = roots.length > 1 ? `${path.basename(root)}: ` : '';
        let lastPercent = -1;
        const setup = {
          root,
          catalog: this.session.catalog,
          options: this.checkOptions(pathToFileURL(path.join(root, '_')).href),
          // Each file is judged against its own project's Celery release, as an open document is.
          optionsOf: (file: string) => this.checkOptions(pathToFileURL(file).href),
          read: (file: string) => this.read(file),
          extractElsewhere: (request: ExtractRequest, python: Catalog) => this.session.background.extract(request, python),
          pause: () => new Promise<void>((resolve) => setImmediate(resolve)),
        };
        const index = await ProjectIndex.build(setup, files, async (done, total) => {
          const percent = Math.floor((done * 100) / Math.max(total, 1));
          if (percent !== lastPercent) progress?.report(percent, `${folder}${done}/${total} files`);
          lastPercent = percent;
          // Let requests and notifications in between files: the editor stays responsive meanwhile.
          if (done % 8 === 0) await new Promise((resolve) => setImmediate(resolve));
        });
        this.session.projects.set(root, index);
        this.catalogSignatures.set(root, signatureOf(index));
      }
      if (canWatch && roots.length > 0) await this.session.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED }, DELETIONS] }).catch(() => undefined);
    } finally {
      progress?.done();
      this.markReady();
    }
    if (roots.length === 0) return;
    this.session.invalidateAnalyses();
    refreshAll(this.session);
    this.publish([...this.session.projects.values()].flatMap((index) => [...index.files()].map((file) => file.path)));
    announceProjectChange(this.session);
  }

  private checkOptions(uri?: string) {
    const assumed = versionAssumption(this.session, uri);
    return { celeryVersion: assumed.version, celeryVersionOrigin: assumed.origin, severities: this.session.severities };
  }

  /** An open document's text wins over the disk. */
  private async read(file: string): Promise<string | undefined> {
    const entry = this.session.store.get(pathToFileURL(file).href);
    if (entry) {
      const text = heldText(entry.document);
      return tooLargeToFollowEdits(text) ? undefined : text.toString();
    }
    const read = readSource(file);
    return 'text' in read ? read.text : undefined;
  }

  onWatchedFiles(params: DidChangeWatchedFilesParams): Promise<void> {
    const changes: IndexChange[] = [];
    for (const change of params.changes) {
      const file = pathOf(change.uri);
      if (file && change.type === FileChangeType.Deleted) changes.push(...this.indexedBelow(file).map((below) => ({ path: below, deleted: true })));
      if (!file || !grammarFor(file)) continue;
      // An open document is followed through its edits, not through the disk.
      if (change.type !== FileChangeType.Deleted && this.session.store.get(change.uri)) continue;
      changes.push(change.type === FileChangeType.Deleted ? { path: file, deleted: true } : { path: file });
    }
    return this.apply(changes);
  }

  /** The indexed files inside a folder that was deleted. */
  private indexedBelow(folder: string): string[] {
    return [...this.session.projects.values()].flatMap((index) => [...index.files()].map((file) => file.path).filter((file) => isInside(file, folder)));
  }

  /** The folders whose index a file belongs to (nested folders both hold it). */
  private rootsOf(file: string): string[] {
    return this.session.workspaceRoots.filter((root) => isInside(file, root));
  }

  /** An open document changed (or closed: then the disk's text counts again). */
  documentChanged(uri: string): void {
    const file = pathOf(uri);
    if (!file || !grammarFor(file)) return;
    clearTimeout(this.pendingEdits.get(uri));
    this.pendingEdits.set(
      uri,
      setTimeout(() => {
        this.pendingEdits.delete(uri);
        void this.apply([{ path: file }]);
      }, EDIT_SETTLE_MS),
    );
  }

  /** Settings or catalogs changed: judge every file again. */
  reconfigure(): Promise<void> {
    return this.run(async (root, index) => {
      const changed = await index.reconfigure(this.session.catalog, this.checkOptions(pathToFileURL(path.join(root, '_')).href));
      this.afterUpdate(root, index, changed);
    });
  }

  /** Each folder's index gets the changes below it. */
  private apply(changes: IndexChange[]): Promise<void> {
    if (changes.length === 0) return Promise.resolve();
    return this.run(async (root, index) => {
      const below = changes.filter((change) => this.rootsOf(change.path).includes(root));
      if (below.length > 0) this.afterUpdate(root, index, await index.update(below));
    });
  }

  /** Index work runs one piece at a time, after the first build, over every folder's index. */
  private run(work: (root: string, index: ProjectIndex) => Promise<void>): Promise<void> {
    const next = this.queue.then(async () => {
      await this.ready;
      for (const [root, index] of this.session.projects) await work(root, index);
    });
    this.queue = next.catch((error: unknown) => this.session.connection.console.error(`project index update failed: ${String(error)}`));
    return this.queue as Promise<void>;
  }

  private afterUpdate(root: string, index: ProjectIndex, changed: string[]): void {
    const signature = signatureOf(index);
    if (signature !== this.catalogSignatures.get(root)) {
      // Open documents are judged against what the project says: a new catalog means new analyses.
      this.catalogSignatures.set(root, signature);
      this.session.invalidateAnalyses();
      refreshAll(this.session);
    } else if (changed.length > 0 && this.session.client.pullDiagnostics && this.session.client.diagnosticRefresh) {
      this.session.connection.languages.diagnostics.refresh().catch(() => undefined);
    } else {
      // An open document shows the cross-module findings of its indexed text: push it again.
      for (const file of changed) {
        const uri = pathToFileURL(file).href;
        if (this.session.store.get(uri)) schedulePush(this.session, uri);
      }
    }
    this.publish(changed);
    announceProjectChange(this.session);
  }

  /** For a client that does not pull: push the problems of closed files that changed. */
  private publish(files: readonly string[]): void {
    if (this.session.client.pullDiagnostics) return;
    for (const file of files) {
      const uri = pathToFileURL(file).href;
      if (this.session.store.get(uri)) continue;
      const indexed = this.session.projectFor(uri)?.file(file);
      const diagnostics = indexed ? this.diagnosticsOf(indexed) : [];
      const key = JSON.stringify(diagnostics);
      if ((this.pushed.get(uri) ?? '[]') === key) continue;
      this.pushed.set(uri, key);
      void this.session.connection.sendDiagnostics({ uri, diagnostics });
    }
  }

  /** Diagnostics per findings list (a re-judged file gets a new list): VS Code pulls the workspace every two seconds. */
  private converted = new WeakMap<object, { language: string; diagnostics: Diagnostic[]; resultId: string }>();

  diagnosticsOf(file: ProjectFile): Diagnostic[] {
    return this.convertedOf(file).diagnostics;
  }

  private convertedOf(file: ProjectFile): { diagnostics: Diagnostic[]; resultId: string } {
    const language = this.session.docsLanguage;
    const known = this.converted.get(file.findings);
    if (known?.language === language) return known;
    const placer = { rangeOf: (span: Span) => locationIn(file, span).range };
    const diagnostics = file.findings.map((finding) => toDiagnostic(placer, file.uri, finding, language));
    const entry = { language, diagnostics, resultId: resultIdOf(diagnostics) };
    this.converted.set(file.findings, entry);
    return entry;
  }

  /**
   * `workspace/diagnostic`: every indexed file that is not open (open ones are pulled per document),
   * with a result id that stays the same while its diagnostics do.
   */
  async workspaceDiagnostics(params: WorkspaceDiagnosticParams): Promise<WorkspaceDiagnosticReport> {
    await this.ready;
    await this.queue;
    const previous = new Map(params.previousResultIds.map((entry) => [entry.uri, entry.value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const listed = new Set<string>();
    for (const file of [...this.session.projects.values()].flatMap((index) => [...index.files()])) {
      if (this.session.store.get(file.uri) || listed.has(file.uri)) continue;
      listed.add(file.uri);
      const { diagnostics, resultId } = this.convertedOf(file);
      if (previous.get(file.uri) === resultId) items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri: file.uri, version: null, resultId });
      else items.push({ kind: DocumentDiagnosticReportKind.Full, uri: file.uri, version: null, resultId, items: diagnostics });
    }
    return { items };
  }
}

function resultIdOf(diagnostics: Diagnostic[]): string {
  let hash = 5381;
  const text = JSON.stringify(diagnostics);
  for (let i = 0; i < text.length; i++) hash = ((hash * 33) ^ text.charCodeAt(i)) >>> 0;
  return `${diagnostics.length}-${hash.toString(36)}`;
}

/** What the project adds to the catalog, as far as open documents' analyses can tell. */
function signatureOf(index: ProjectIndex): string {
  const { additions } = index.catalog;
  return JSON.stringify([
    [...additions.modules].map(([module, names]) => [module, [...names].map(([name, spec]) => [name, spec.name])]),
    [...additions.custom.values()].map((spec) => [spec.name, spec.params.map((p) => [p.name, p.sometimesAbsent])]),
    [...additions.openKeywords],
    [...additions.tasks],
  ]);
}

function pathOf(uri: string): string | undefined {
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * An open document this large is analysed on the analysis thread, which the index's own extraction
 * of it after every pause in typing would keep busy for a second each time. It is left out of the
 * index while open, which then treats the project's own signals as sent with keywords it cannot list.
 */
function tooLargeToFollowEdits(text: { length: number }): boolean {
  return text.length >= BACKGROUND_MIN_LENGTH;
}
