/**
 * The model and findings of each open document, computed once per (uri, version, settings) from the
 * incrementally maintained tree. After a small edit only the edited statement is re-analysed; a full
 * analysis follows once typing pauses and corrects the result if the shortcut missed anything.
 */
import type { Catalog } from '../catalog/catalog';
import { extractModel, frontEndFor, type CheckOptions } from '../analysis/analyze';
import type { Finding, Severity } from '../analysis/diagnostics';
import type { FileModel, Span } from '../analysis/model';
import { INTERNAL_ERROR_CODE } from '../analysis/rules/index';
import { LineIndex } from '../analysis/text';
import { grammarFor, ParseTimeout, type Grammar, type Tree } from '../parsing/treeSitter';
import type { OpenDocument } from './documentStore';
import { combineEdits, reanalyseEdit } from './incremental';
import { allFindings, checkWhole, type CheckedModel } from './siteChecks';
import { TreeCache } from './trees';

/** Above this many UTF-16 units a document is not analysed (a generated or minified file). */
export const MAX_ANALYSED_LENGTH = 2 * 1024 * 1024;

/** How long typing must pause before an incremental result is double-checked by a full analysis. */
const VERIFY_AFTER_MS = 600;

export type SkipReason = 'too-large' | 'too-slow' | 'binary' | 'unsupported-language' | 'disabled';

export interface DocumentAnalysis {
  uri: string;
  version: number;
  text: string;
  index: LineIndex;
  model?: FileModel;
  findings: Finding[];
  skipped?: SkipReason;
  /** Per-site findings, kept so the next edit can reuse them. */
  checked?: CheckedModel;
  /** Computed by re-analysing one statement rather than the whole file. */
  incremental?: boolean;
}

export interface AnalysisSettings {
  enable: boolean;
  celeryVersion: string;
  severities: Record<string, Severity | 'off'>;
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

function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}

function sameFindings(a: Finding[], b: Finding[]): boolean {
  const key = (f: Finding) => `${f.code}\u0000${f.severity}\u0000${f.span.start}\u0000${f.span.end}\u0000${f.message}`;
  return a.length === b.length && a.every((f, i) => key(f) === key(b[i]));
}

export class AnalysisCache {
  private readonly results = new Map<string, DocumentAnalysis>();
  private readonly verifications = new Map<string, NodeJS.Timeout>();
  readonly trees: TreeCache;
  /** Called when a full analysis corrected an incremental one (diagnostics must be re-sent). */
  onCorrected?: (uri: string) => void;
  /** Set to false to always analyse whole files (benchmarks and tests compare both). */
  incrementalEnabled = true;

  constructor(treeCapacity = 50) {
    this.trees = new TreeCache(treeCapacity);
  }

  /** Drops every result, e.g. after a settings or catalog change; trees stay valid. */
  invalidateAll(): void {
    this.results.clear();
  }

  /** The latest analysis of a document, whatever its version, without computing anything. */
  peek(uri: string): DocumentAnalysis | undefined {
    return this.results.get(uri);
  }

  forget(uri: string): void {
    this.results.delete(uri);
    this.trees.drop(uri);
    clearTimeout(this.verifications.get(uri));
    this.verifications.delete(uri);
  }

  async analyse(uri: string, entry: OpenDocument, catalog: Catalog, settings: AnalysisSettings): Promise<DocumentAnalysis> {
    const { document } = entry;
    const previous = this.results.get(uri);
    if (previous && previous.version === document.version) return previous;
    const text = document.getText();
    const base = { uri, version: document.version, text, index: new LineIndex(text), findings: [] as Finding[] };
    const grammar: Grammar | undefined = grammarFor(document.languageId) ?? grammarFor(uri);
    let result: DocumentAnalysis;
    if (!settings.enable) result = { ...base, skipped: 'disabled' };
    else if (!grammar) result = { ...base, skipped: 'unsupported-language' };
    else if (text.length > MAX_ANALYSED_LENGTH) result = { ...base, skipped: 'too-large' };
    else if (looksBinary(text)) result = { ...base, skipped: 'binary' };
    else {
      try {
        result = await this.analyseParsed(entry, grammar, catalog, settings, base, previous);
      } catch (error) {
        // One file the analysis chokes on gets one visible finding; it must not take others down.
        this.trees.drop(uri);
        result = error instanceof ParseTimeout ? { ...base, skipped: 'too-slow' } : { ...base, findings: [internalError(error)] };
      }
    }
    this.results.set(uri, result);
    return result;
  }

  private async analyseParsed(
    entry: OpenDocument,
    grammar: Grammar,
    catalog: Catalog,
    settings: AnalysisSettings,
    base: Pick<DocumentAnalysis, 'uri' | 'version' | 'text' | 'index'>,
    previous: DocumentAnalysis | undefined,
  ): Promise<DocumentAnalysis> {
    const { uri, text } = base;
    const update = await this.trees.treeFor(uri, entry, grammar);
    const options: CheckOptions = { celeryVersion: settings.celeryVersion, severities: settings.severities };
    const extractWithin = (within: Span[]) => frontEndFor(grammar)!(update.tree, text, catalog, { within });
    const edit = update.edits && combineEdits(update.edits);
    const quick =
      this.incrementalEnabled && previous?.checked && edit
        ? reanalyseEdit({ text: previous.text, checked: previous.checked }, edit, update.tree, text, catalog, options, extractWithin)
        : undefined;
    const checked = quick ?? this.analyseWhole(update.tree, text, grammar, catalog, options);
    if (quick) this.scheduleVerification(uri, entry, catalog, settings);
    return { ...base, findings: allFindings(checked), model: checked.model, checked, incremental: !!quick };
  }

  private analyseWhole(tree: Tree, text: string, grammar: Grammar, catalog: Catalog, options: CheckOptions): CheckedModel {
    return checkWhole(extractModel(tree, text, grammar, catalog), catalog, options, text);
  }

  private scheduleVerification(uri: string, entry: OpenDocument, catalog: Catalog, settings: AnalysisSettings): void {
    clearTimeout(this.verifications.get(uri));
    const timer = setTimeout(() => {
      this.verifications.delete(uri);
      void this.verify(uri, entry, catalog, settings).catch(() => undefined);
    }, VERIFY_AFTER_MS);
    timer.unref();
    this.verifications.set(uri, timer);
  }

  private async verify(uri: string, entry: OpenDocument, catalog: Catalog, settings: AnalysisSettings): Promise<void> {
    const current = this.results.get(uri);
    if (!current?.incremental || current.version !== entry.document.version) return;
    const grammar = grammarFor(entry.document.languageId) ?? grammarFor(uri);
    if (!grammar) return;
    const { tree } = await this.trees.treeFor(uri, entry, grammar);
    if (this.results.get(uri) !== current) return;
    const checked = this.analyseWhole(tree, current.text, grammar, catalog, { celeryVersion: settings.celeryVersion, severities: settings.severities });
    const findings = allFindings(checked);
    this.results.set(uri, { ...current, model: checked.model, findings, checked, incremental: false });
    if (!sameFindings(findings, current.findings)) this.onCorrected?.(uri);
  }
}
