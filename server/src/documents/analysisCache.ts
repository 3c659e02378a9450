/**
 * The analysis of each open document, computed once per (uri, version, settings) by the one pipeline
 * (analysis/analyze.ts) and cached with the tree it parsed, so the next version reparses incrementally.
 * Nothing here decides findings: an edited document gets exactly the analysis a fresh open would.
 */
import type { Catalog } from '../catalog/catalog';
import { analyzeSource, prepareForEdit } from '../analysis/analyze';
import type { Finding, Severity } from '../analysis/diagnostics';
import type { ModuleIdentity } from '../analysis/frontends/frontend';
import type { FileModel } from '../analysis/model';
import type { CeleryVersionOrigin } from '../analysis/versionOrigin';
import { INTERNAL_ERROR_CODE } from '../analysis/rules/index';
import { LineIndex } from '../analysis/text';
import { applyChange } from '../analysis/textChange';
import type { SourceText } from '../analysis/sourceText';
import { grammarFor, PARSE_TIME_LIMIT_MS, ParseTimeout, type Grammar } from '../parsing/treeSitter';
import { documentOf, heldText } from './chunkedDocument';
import type { OpenDocument } from './documentStore';
import { TreeCache } from './trees';

/** Above this many UTF-16 units a document is not analysed (a generated or minified file). */
export const MAX_ANALYSED_LENGTH = 2 * 1024 * 1024;

export type SkipReason = 'too-large' | 'too-slow' | 'binary' | 'unsupported-language' | 'disabled';

export interface DocumentAnalysis {
  uri: string;
  version: number;
  text: string;
  index: LineIndex;
  model?: FileModel;
  findings: Finding[];
  skipped?: SkipReason;
  /** The tree was reparsed from the previous one rather than from scratch. */
  incremental?: boolean;
}

export interface AnalysisSettings {
  enable: boolean;
  celeryVersion: string;
  /** Where the project's files gave `celeryVersion`, for messages to name. */
  celeryVersionOrigin?: CeleryVersionOrigin;
  severities: Record<string, Severity | 'off'>;
  /** The document's module in the project index, so its relative imports resolve. */
  module?: ModuleIdentity;
}

function internalError(error: unknown): Finding {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    code: INTERNAL_ERROR_CODE,
    severity: 'warning',
    span: { start: 0, end: 0 },
    message: `Celery Signals could not analyse this file (${detail}), so it was not checked. Please report this.`,
    fixes: [],
  };
}

export function looksBinary(text: SourceText): boolean {
  return text.slice(0, 8192).includes('\u0000');
}

/**
 * Where typing usually goes: the end of an indented line from `from` on (within a body), not one that
 * starts a definition or continues with a backslash (a space after it would be a syntax error).
 */
function bodyLineEnd(text: SourceText, from: number): number | undefined {
  for (let start = text.indexOf('\n', from) + 1, lines = 0; start > 0 && lines < 200; start = text.indexOf('\n', start) + 1, lines++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (text.charCodeAt(end - 1) === 13) end--;
    const line = text.slice(start, end);
    const code = line.trimStart();
    if (code.length === line.length || code.length === 0 || code.endsWith('\\') || /^(async\s+def|def|class|@)/.test(code)) continue;
    return end;
  }
  return undefined;
}

/**
 * `analysis` with the text it read. The flat text of a document held in pieces is made only when
 * something reads `text` (a request on the main thread), never by the analysis itself.
 */
function withText(analysis: Omit<DocumentAnalysis, 'text'>, text: SourceText): DocumentAnalysis {
  if (typeof text === 'string') return Object.assign(analysis, { text });
  return Object.defineProperty(analysis, 'text', { enumerable: true, get: () => text.toString() }) as DocumentAnalysis;
}

export class AnalysisCache {
  private readonly results = new Map<string, DocumentAnalysis>();
  readonly trees: TreeCache;
  /** Analyses run one at a time: each takes the cached tree and pending edits, and puts a tree back. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Bumped by invalidateAll and forget: an analysis begun before (older settings, a closed document) is not kept. */
  private generation = 0;

  /**
   * `parseTimeLimitMs` bounds one parse on a thread that answers requests; the analysis thread passes
   * null and parses without one (the size limit bounds its work, and a clock on a busy machine would
   * skip documents). Null, not undefined: undefined would mean the default limit.
   */
  constructor(
    treeCapacity = 50,
    private readonly parseTimeLimitMs: number | null = PARSE_TIME_LIMIT_MS,
  ) {
    this.trees = new TreeCache(treeCapacity);
  }

  /** Drops every result, e.g. after a settings or catalog change; trees stay valid. */
  invalidateAll(): void {
    this.results.clear();
    this.generation++;
  }

  /** The latest analysis of a document, whatever its version, without computing anything. */
  peek(uri: string): DocumentAnalysis | undefined {
    return this.results.get(uri);
  }

  /** Does the work the next edit of the document would start with, now (see analysis/analyze.ts). */
  prepareForEdit(uri: string): void {
    const tree = this.trees.peek(uri);
    if (tree) prepareForEdit(tree);
  }

  /**
   * Goes the way keystrokes go, twice, and back to the same text: a space typed at the end of a body
   * line in the middle of the document and deleted again, each analysed from the previous tree with
   * the facts and findings of the other statements reused. The last analysis is of the document's own text, so it
   * is the analysis the document had (incremental equals full). What it is for is V8, which optimises
   * that way only once it has run it (documents/typingRehearsal.ts). Both run before any other task of
   * the thread (only promises are awaited), so nothing sees the text in between.
   */
  async rehearseEdit(uri: string, entry: OpenDocument, catalog: Catalog, settings: AnalysisSettings): Promise<DocumentAnalysis | undefined> {
    const previous = this.results.get(uri);
    const { document, index } = entry;
    if (!previous || previous.skipped || previous.version !== document.version || entry.pendingEdits === 'full' || entry.pendingEdits.length > 0 || !this.trees.has(uri)) return undefined;
    const text = heldText(document);
    const at = bodyLineEnd(text, text.length >> 1);
    if (at === undefined) return undefined;
    const position = previous.index.positionAt(at);
    const typed = applyChange(text, { range: { start: position, end: position }, text: ' ' }, previous.index);
    const deleted = applyChange(typed.text, { range: { start: position, end: { line: position.line, character: position.character + 1 } }, text: '' }, typed.index);
    if (!typed.edit || !deleted.edit) return undefined;
    try {
      entry.document = documentOf(uri, document.languageId, document.version, typed.text);
      entry.index = typed.index;
      entry.pendingEdits = [typed.edit];
      this.results.delete(uri);
      await this.analyse(uri, entry, catalog, settings);
    } finally {
      entry.document = document;
      entry.index = index;
    }
    entry.pendingEdits = [deleted.edit];
    this.results.delete(uri);
    return this.analyse(uri, entry, catalog, settings);
  }

  forget(uri: string): void {
    this.results.delete(uri);
    this.trees.drop(uri);
    this.generation++;
  }

  analyse(uri: string, entry: OpenDocument, catalog: Catalog, settings: AnalysisSettings): Promise<DocumentAnalysis> {
    const generation = this.generation;
    const run = this.queue.then(() => this.analyseNow(uri, entry, catalog, settings, generation));
    // The queue waits for the run, and does not hold on to its result (a whole analysis) once it is done.
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async analyseNow(uri: string, entry: OpenDocument, catalog: Catalog, settings: AnalysisSettings, generation: number): Promise<DocumentAnalysis> {
    const { document } = entry;
    const previous = generation === this.generation ? this.results.get(uri) : undefined;
    if (previous && previous.version === document.version) return previous;
    // The pieces of a large document (the analysis thread's): read as they are, not as a flat copy.
    const text = heldText(document);
    const index = entry.index?.describes(text) ? entry.index : new LineIndex(text);
    const base = { uri, version: document.version, index, findings: [] as Finding[] };
    const grammar: Grammar | undefined = grammarFor(document.languageId) ?? grammarFor(uri);
    let result: Omit<DocumentAnalysis, 'text'>;
    if (!settings.enable) result = { ...base, skipped: 'disabled' };
    else if (!grammar) result = { ...base, skipped: 'unsupported-language' };
    else if (text.length > MAX_ANALYSED_LENGTH) result = { ...base, skipped: 'too-large' };
    else if (looksBinary(text)) result = { ...base, skipped: 'binary' };
    else {
      try {
        result = await this.analyseParsed(uri, entry, grammar, catalog, settings, text, base, generation);
      } catch (error) {
        // One file the analysis chokes on gets one visible finding; it must not take others down.
        this.trees.drop(uri);
        result = error instanceof ParseTimeout ? { ...base, skipped: 'too-slow' } : { ...base, findings: [internalError(error)] };
      }
    }
    const analysed = withText(result, text);
    if (generation === this.generation) this.results.set(uri, analysed);
    return analysed;
  }

  private async analyseParsed(
    uri: string,
    entry: OpenDocument,
    grammar: Grammar,
    catalog: Catalog,
    settings: AnalysisSettings,
    text: SourceText,
    base: Pick<DocumentAnalysis, 'uri' | 'version' | 'index'>,
    generation: number,
  ): Promise<Omit<DocumentAnalysis, 'text'>> {
    const oldTree = this.trees.take(uri, grammar);
    const edits = entry.pendingEdits;
    entry.pendingEdits = [];
    const previous = oldTree && edits !== 'full' ? { tree: oldTree, edits } : undefined;
    try {
      const options = { celeryVersion: settings.celeryVersion, celeryVersionOrigin: settings.celeryVersionOrigin, severities: settings.severities };
      const { tree, model, findings } = await analyzeSource({ text, grammar, catalog, options, previous, parseTimeLimitMs: this.parseTimeLimitMs ?? undefined, module: settings.module });
      if (tree && generation === this.generation) this.trees.put(uri, grammar, tree);
      else tree?.delete();
      return { ...base, model, findings, incremental: !!previous };
    } finally {
      oldTree?.delete();
    }
  }
}
