/**
 * The model and findings of each open document, computed once per (uri, version, settings) from the
 * incrementally maintained tree. Everything a request needs about a document comes from here.
 */
import type { Catalog } from '../catalog/catalog';
import { checkModel, extractModel } from '../analysis/analyze';
import type { Finding, Severity } from '../analysis/diagnostics';
import type { FileModel } from '../analysis/model';
import { LineIndex } from '../analysis/text';
import { grammarFor, type Grammar } from '../parsing/treeSitter';
import type { OpenDocument } from './documentStore';
import { TreeCache } from './trees';

/** Above this many UTF-16 units a document is not analysed (a generated or minified file). */
export const MAX_ANALYSED_LENGTH = 2 * 1024 * 1024;

export type SkipReason = 'too-large' | 'binary' | 'unsupported-language' | 'disabled';

export interface DocumentAnalysis {
  uri: string;
  version: number;
  text: string;
  index: LineIndex;
  model?: FileModel;
  findings: Finding[];
  skipped?: SkipReason;
}

export interface AnalysisSettings {
  enable: boolean;
  celeryVersion: string;
  severities: Record<string, Severity | 'off'>;
}

function looksBinary(text: string): boolean {
  return text.slice(0, 8192).includes('\u0000');
}

export class AnalysisCache {
  private readonly results = new Map<string, DocumentAnalysis>();
  readonly trees: TreeCache;

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
  }

  async analyse(uri: string, entry: OpenDocument, catalog: Catalog, settings: AnalysisSettings): Promise<DocumentAnalysis> {
    const { document } = entry;
    const cached = this.results.get(uri);
    if (cached && cached.version === document.version) return cached;
    const text = document.getText();
    const base = { uri, version: document.version, text, index: new LineIndex(text), findings: [] as Finding[] };
    const grammar: Grammar | undefined = grammarFor(document.languageId) ?? grammarFor(uri);
    let result: DocumentAnalysis;
    if (!settings.enable) result = { ...base, skipped: 'disabled' };
    else if (!grammar) result = { ...base, skipped: 'unsupported-language' };
    else if (text.length > MAX_ANALYSED_LENGTH) result = { ...base, skipped: 'too-large' };
    else if (looksBinary(text)) result = { ...base, skipped: 'binary' };
    else {
      const { tree } = await this.trees.treeFor(uri, entry, grammar);
      // A newer change may have arrived while the parser loaded; the caller asks again for it.
      const model = extractModel(tree, text, grammar, catalog);
      const findings = checkModel(model, catalog, { celeryVersion: settings.celeryVersion, severities: settings.severities }, text);
      result = { ...base, model, findings };
    }
    this.results.set(uri, result);
    return result;
  }
}
