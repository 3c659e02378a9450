/**
 * The server's state: open documents, their analyses, the catalog in force and the user's settings.
 * Feature handlers read from it; only the configuration feature changes settings and catalog.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import { Catalog, getBundledCatalog } from '../catalog/catalog';
import type { DocsLanguage } from '../catalog/types';
import { AnalysisCache, type DocumentAnalysis } from '../documents/analysisCache';
import { DocumentStore } from '../documents/documentStore';
import { grammarFor, type Grammar } from '../parsing/treeSitter';
import { LineIndex } from '../analysis/text';
import { defaultSettings, resolveDocsLanguage, type Settings } from './settings';
import { editorDefaultSeverities } from '../analysis/rules/index';
import type { CeleryVersionDetection } from '../project/celeryVersion';
import { versionAssumption } from '../features/celeryVersion';
import type { Severity } from '../analysis/diagnostics';
import { lineStartsOf, type ProjectFile, type ProjectIndex } from '../project/projectIndex';

function pathOf(uri: string): string | undefined {
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** An analysis slower than this stops a document from being analysed as it is edited (tests lower it). */
export const ANALYSIS_TIME_LIMIT_MS = Number(process.env.CELERY_SIGNALS_ANALYSIS_LIMIT_MS) || 3000;

export interface ClientSupport {
  pullDiagnostics: boolean;
  configuration: boolean;
  diagnosticRefresh: boolean;
  snippets: boolean;
  deprecatedTag: boolean;
  markdownHover: boolean;
  markdownCompletion: boolean;
  codeActionLiterals: boolean;
  /** The client lets the server register file watchers (`workspace/didChangeWatchedFiles`). */
  watchedFilesRegistration: boolean;
  /** The client asked for celerySignals/projectChanged (initializationOptions.projectChanges): it shows the signal map. */
  projectChanges: boolean;
}

/** How long a document waits for the client's settings before it is analysed with the defaults. */
const SETTINGS_WAIT_MS = 3000;

const lineStartsByText = new WeakMap<DocumentAnalysis, number[]>();

export class Session {
  readonly store = new DocumentStore();
  readonly cache = new AnalysisCache(50);
  catalog: Catalog = getBundledCatalog();
  settings: Settings = defaultSettings;
  clientLocale?: string;
  workspaceRoots: string[] = [];
  /** What each workspace folder's own files say about its Celery release (features/celeryVersion.ts). */
  versionDetections = new Map<string, CeleryVersionDetection>();
  /** The project index of the first workspace folder, once its first build is done (project/workspaceIndex.ts). */
  project?: ProjectIndex;
  /** Open documents whose analysis took longer than ANALYSIS_TIME_LIMIT_MS. */
  private readonly tooSlow = new Set<string>();

  private settingsLoaded!: () => void;
  /**
   * Settles once the first settings have been read (after `initialized`), so that no document is
   * judged, even once, with defaults the user has overridden; a client that never sends
   * `initialized` gets the defaults after a short wait instead of no diagnostics at all.
   */
  readonly settingsReady = new Promise<void>((resolve) => {
    this.settingsLoaded = resolve;
    setTimeout(resolve, SETTINGS_WAIT_MS).unref();
  });

  constructor(
    readonly connection: Connection,
    readonly client: ClientSupport,
  ) {}

  markSettingsLoaded(): void {
    this.settingsLoaded();
  }

  /** The release the first workspace folder is judged against; `celeryVersionOf` for a document. */
  get celeryVersion(): string {
    return versionAssumption(this).version;
  }

  /** The release a document is judged against (the setting, else its workspace folder's files). */
  celeryVersionOf(uri: string): string {
    return versionAssumption(this, uri).version;
  }

  get docsLanguage(): DocsLanguage {
    return resolveDocsLanguage(this.settings.docsLanguage, this.clientLocale);
  }

  async analysisOf(uri: string): Promise<DocumentAnalysis | undefined> {
    await this.settingsReady;
    const entry = this.store.get(uri);
    if (!entry) return undefined;
    if (this.tooSlow.has(uri)) {
      const text = entry.document.getText();
      return { uri, version: entry.document.version, text, index: new LineIndex(text), findings: [], skipped: 'too-slow' };
    }
    const started = performance.now();
    const assumed = versionAssumption(this, uri);
    const file = this.project ? pathOf(uri) : undefined;
    const module = file ? this.project?.moduleOf(file) : undefined;
    const catalog = this.catalogFor(uri);
    const analysis = await this.cache.analyse(uri, entry, catalog, {
      enable: this.settings.enable,
      celeryVersion: assumed.version,
      celeryVersionOrigin: assumed.origin,
      severities: this.severities,
      ...(module && { module }),
    });
    // Analysis runs on the one thread that serves every document: one that blocks it this long is
    // not analysed again while it stays open (the user is told once), rather than on every keystroke.
    if (performance.now() - started > ANALYSIS_TIME_LIMIT_MS) this.tooSlow.add(uri);
    const crossModule = file && this.project ? this.project.crossModuleFindingsOf(file, analysis.text) : [];
    return crossModule.length > 0 ? { ...analysis, findings: [...analysis.findings, ...crossModule] } : analysis;
  }

  /** The catalog a document is judged against: for Python, with what the project index adds. */
  catalogFor(uri: string): Catalog {
    return this.project && this.grammarOf(uri) === 'python' ? this.project.catalog : this.catalog;
  }

  /** The severities in force in the editor: the editor's defaults under the user's settings. */
  get severities(): Record<string, Severity | 'off'> {
    return { ...editorDefaultSeverities, ...this.settings.severity };
  }

  /**
   * Every file of the project: open documents as last analysed (they take precedence), then every
   * indexed file that is not open.
   */
  *projectFiles(): Iterable<ProjectFile> {
    const open = new Set<string>();
    for (const { document } of this.store.all()) {
      const analysis = this.cache.peek(document.uri);
      if (!analysis?.model) continue;
      // An untitled document has no path: its URI stands for one.
      const file = pathOf(document.uri) ?? document.uri;
      open.add(file);
      let lineStarts = lineStartsByText.get(analysis);
      if (!lineStarts) lineStartsByText.set(analysis, (lineStarts = lineStartsOf(analysis.text)));
      const module = this.project?.file(file)?.module ?? this.moduleNameOf(document.uri);
      yield { path: file, uri: document.uri, module, model: analysis.model, lineStarts, findings: analysis.findings };
    }
    for (const file of this.project?.files() ?? []) if (!open.has(file.path)) yield file;
  }

  /** Forgets what was learnt about a document (it was closed or opened anew). */
  forgetDocument(uri: string): void {
    this.cache.forget(uri);
    this.tooSlow.delete(uri);
  }

  /** The grammar a document is parsed with, from its language id or else its file name. */
  grammarOf(uri: string): Grammar | undefined {
    const languageId = this.store.get(uri)?.document.languageId;
    return (languageId && grammarFor(languageId)) || grammarFor(uri);
  }

  /** The dotted Python module of a file under a workspace root (`proj/tasks.py` → `proj.tasks`). */
  moduleNameOf(uri: string): string | undefined {
    let file: string;
    try {
      file = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    const root = this.workspaceRoots.find((r) => file.startsWith(r + path.sep));
    if (!root || !/\.py$/.test(file)) return undefined;
    const parts = path.relative(root, file).replace(/\.py$/, '').split(path.sep);
    if (parts[parts.length - 1] === '__init__') parts.pop();
    return parts.every((p) => /^[A-Za-z_]\w*$/.test(p)) && parts.length ? parts.join('.') : undefined;
  }
}
