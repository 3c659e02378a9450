/**
 * The server's state: open documents, their analyses, the catalog in force and the user's settings.
 * Feature handlers read from it; only the configuration feature changes settings and catalog.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import { Catalog, getBundledCatalog } from '../catalog/catalog';
import type { DocsLanguage } from '../catalog/types';
import { AnalysisCache, looksBinary, MAX_ANALYSED_LENGTH, type AnalysisSettings, type DocumentAnalysis } from '../documents/analysisCache';
import { EARLY_LINES, earlyCut, earlyFindings } from '../documents/earlyAnalysis';
import { LineIndex } from '../analysis/text';
import { BackgroundAnalysis, type BackgroundHooks, type Cancellable } from '../documents/backgroundAnalysis';
import { DocumentStore } from '../documents/documentStore';
import { grammarFor, type Grammar } from '../parsing/treeSitter';
import { defaultSettings, resolveDocsLanguage, type Settings } from './settings';
import { editorDefaultSeverities } from '../analysis/rules/index';
import type { CeleryVersionDetection } from '../project/celeryVersion';
import { versionAssumption } from '../features/celeryVersion';
import type { Severity } from '../analysis/diagnostics';
import { lineStartsOf, type ProjectFile, type ProjectIndex } from '../project/projectIndex';
import { isInside } from '../io/paths';
import { heldText } from '../documents/chunkedDocument';

function withCrossModuleFindings(analysis: DocumentAnalysis, project: ProjectIndex | undefined, file: string | undefined): DocumentAnalysis {
  const crossModule = file && project ? project.crossModuleFindingsOf(file, () => analysis.text) : [];
  return crossModule.length > 0 ? { ...analysis, findings: [...analysis.findings, ...crossModule] } : analysis;
}

function pathOf(uri: string): string | undefined {
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * The main thread answers every request, so a document is analysed there only while that stays
 * quick: one this long (UTF-16 units) goes to the analysis thread from the start, and one of at least
 * a quarter of that whose analysis took longer than the budget goes there from then on (tests lower
 * both). Smaller ones stay whatever the clock says: on a busy machine it says little about them.
 */
export const BACKGROUND_MIN_LENGTH = numberFromEnvironment('CELERY_SIGNALS_BACKGROUND_MIN_LENGTH', 64 * 1024);
export const FOREGROUND_BUDGET_MS = numberFromEnvironment('CELERY_SIGNALS_ANALYSIS_LIMIT_MS', 50);
/** How many lines the early diagnostics of a large document cover at least; 0 turns them off (tests, benchmarks). */
const EARLY_DIAGNOSTICS_LINES = numberFromEnvironment('CELERY_SIGNALS_EARLY_LINES', EARLY_LINES);

function numberFromEnvironment(name: string, fallback: number): number {
  const value = process.env[name];
  return value !== undefined && value !== '' && Number.isFinite(Number(value)) ? Number(value) : fallback;
}

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
  readonly background: BackgroundAnalysis;
  catalog: Catalog = getBundledCatalog();
  settings: Settings = defaultSettings;
  clientLocale?: string;
  workspaceRoots: string[] = [];
  /** What each workspace folder's own files say about its Celery release (features/celeryVersion.ts). */
  versionDetections = new Map<string, CeleryVersionDetection>();
  /** Each workspace folder's project index, by folder, once its first build is done (project/workspaceIndex.ts). */
  readonly projects = new Map<string, ProjectIndex>();
  /** The last line an editor shows of each open document, as the client last said (celerySignals/visibleRanges). */
  readonly lastVisibleLine = new Map<string, number>();
  /** Open documents analysed on the analysis thread (they hold no tree on this one). */
  private readonly inBackground = new Set<string>();

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
    hooks: BackgroundHooks = {},
  ) {
    this.background = new BackgroundAnalysis(hooks);
  }

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

  /**
   * The analysis of a document's current version. `token` is the request's: once its client cancels
   * it, the wait ends with AnalysisCancelled (and work nobody else wants is dropped). Diagnostics need
   * only the findings (`needs: 'findings'`): a document analysed in the background then does not
   * fetch its model.
   */
  async analysisOf(uri: string, token?: Cancellable, needs: 'model' | 'findings' = 'model'): Promise<DocumentAnalysis | undefined> {
    await this.settingsReady;
    const entry = this.store.get(uri);
    if (!entry) return undefined;
    const file = pathOf(uri);
    const project = this.projectFor(uri);
    const catalog = this.catalogFor(uri);
    const settings = this.analysisSettingsOf(uri);
    if (!this.inBackground.has(uri) && heldText(entry.document).length >= BACKGROUND_MIN_LENGTH) this.moveToBackground(uri);
    let analysis: DocumentAnalysis | undefined;
    if (this.inBackground.has(uri)) {
      analysis = await this.background.analyse(uri, entry, catalog, settings, token);
      if (analysis && needs === 'model') analysis = await this.background.withModel(analysis);
    } else {
      const started = performance.now();
      analysis = await this.cache.analyse(uri, entry, catalog, settings);
      if (performance.now() - started > FOREGROUND_BUDGET_MS && analysis.text.length >= BACKGROUND_MIN_LENGTH / 4) {
        this.moveToBackground(uri);
        this.background.adopt(analysis);
      }
    }
    if (!analysis) return undefined;
    return withCrossModuleFindings(analysis, project, file);
  }

  private analysisSettingsOf(uri: string): AnalysisSettings {
    const assumed = versionAssumption(this, uri);
    const file = pathOf(uri);
    const module = file ? this.projectFor(uri)?.moduleOf(file) : undefined;
    return {
      enable: this.settings.enable,
      celeryVersion: assumed.version,
      celeryVersionOrigin: assumed.origin,
      severities: this.severities,
      ...(module && { module }),
    };
  }

  /**
   * Findings for the top of a large Python document that its complete analysis (on the analysis
   * thread) will show too, computed here in a few milliseconds (documents/earlyAnalysis.ts); nothing
   * when the document is small, not Python, or its top part gives no certain answer.
   */
  async earlyAnalysisOf(uri: string): Promise<DocumentAnalysis | undefined> {
    await this.settingsReady;
    const entry = this.store.get(uri);
    if (!entry || this.grammarOf(uri) !== 'python' || !this.settings.enable) return undefined;
    const { version } = entry.document;
    const text = entry.document.getText();
    // What the complete analysis would skip gets nothing early either.
    if (text.length < BACKGROUND_MIN_LENGTH || text.length > MAX_ANALYSED_LENGTH || looksBinary(text)) return undefined;
    const visible = (this.lastVisibleLine.get(uri) ?? -1) + 1;
    const cut = EARLY_DIAGNOSTICS_LINES > 0 ? earlyCut(text, Math.max(EARLY_DIAGNOSTICS_LINES, visible)) : undefined;
    if (cut === undefined) return undefined;
    const { celeryVersion, celeryVersionOrigin, severities, module } = this.analysisSettingsOf(uri);
    const options = { celeryVersion, celeryVersionOrigin, severities };
    const findings = await earlyFindings({ text, catalog: this.catalogFor(uri), options, module }, cut);
    if (!findings) return undefined;
    // The early findings all lie in the top part: its lines are the document's.
    const prefix = text.slice(0, cut);
    return { uri, version, text: prefix, index: new LineIndex(prefix), findings };
  }

  /**
   * What a hover or a completion reads. On the analysis thread, the last analysis of this very text
   * answers at once, even when settings or the project's catalog changed since: the fresh one may be
   * queued behind a large module for seconds, and a hover is not worth that wait.
   */
  async analysisToRead(uri: string, token?: Cancellable): Promise<DocumentAnalysis | undefined> {
    const entry = this.store.get(uri);
    const last = entry && this.inBackground.has(uri) ? this.background.peek(uri) : undefined;
    if (!last || last.version !== entry?.document.version) return this.analysisOf(uri, token);
    return withCrossModuleFindings(await this.background.withModel(last), this.projectFor(uri), pathOf(uri));
  }

  /** The index of the innermost workspace folder holding the document, if any. */
  projectFor(uri: string): ProjectIndex | undefined {
    const file = pathOf(uri);
    if (!file) return undefined;
    let found: { root: string; index: ProjectIndex } | undefined;
    for (const [root, index] of this.projects) {
      if (isInside(file, root) && (!found || root.length > found.root.length)) found = { root, index };
    }
    return found?.index;
  }

  /** The catalog a document is judged against: for Python, with what the project index adds. */
  catalogFor(uri: string): Catalog {
    const project = this.grammarOf(uri) === 'python' ? this.projectFor(uri) : undefined;
    return project?.catalog ?? this.catalog;
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
      const analysis = this.peekAnalysis(document.uri);
      if (!analysis?.model) continue;
      // An untitled document has no path: its URI stands for one.
      const file = pathOf(document.uri) ?? document.uri;
      open.add(file);
      let lineStarts = lineStartsByText.get(analysis);
      if (!lineStarts) lineStartsByText.set(analysis, (lineStarts = lineStartsOf(analysis.text)));
      const module = this.projectFor(document.uri)?.file(file)?.module ?? this.moduleNameOf(document.uri);
      yield { path: file, uri: document.uri, module, model: analysis.model, lineStarts, findings: analysis.findings };
    }
    // Nested workspace folders index some files twice: the first index to list a file speaks for it.
    for (const project of this.projects.values()) {
      for (const file of project.files()) {
        if (open.has(file.path)) continue;
        open.add(file.path);
        yield file;
      }
    }
  }

  /** The latest analysis of a document at hand, whatever its version (never computed here). */
  peekAnalysis(uri: string): DocumentAnalysis | undefined {
    return this.inBackground.has(uri) ? this.background.peek(uri) : this.cache.peek(uri);
  }

  /** From now on the document is analysed on the analysis thread; its tree here is dropped. */
  private moveToBackground(uri: string): void {
    this.inBackground.add(uri);
    this.cache.trees.drop(uri);
    const entry = this.store.get(uri);
    // The analysis thread starts from the whole text, not from edits to a tree it never had.
    if (entry) entry.pendingEdits = 'full';
  }

  /** Forgets what was learnt about a document (it was closed or opened anew). */
  forgetDocument(uri: string): void {
    this.cache.forget(uri);
    this.background.forget(uri);
    this.inBackground.delete(uri);
    this.lastVisibleLine.delete(uri);
  }

  /** Settings or catalog changed: every analysis is computed again. */
  invalidateAnalyses(): void {
    this.cache.invalidateAll();
    this.background.invalidateAll();
  }

  /** The grammar a document is parsed with, from its language id or else its file name. */
  grammarOf(uri: string): Grammar | undefined {
    const languageId = this.store.get(uri)?.document.languageId;
    return (languageId && grammarFor(languageId)) || grammarFor(uri);
  }

  /** The dotted Python module of a file under a workspace root (`proj/tasks.py` gives `proj.tasks`). */
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
