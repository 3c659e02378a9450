/**
 * The analysis entry points: pick a front end, extract the model, run the checker. Pure: text and
 * catalog in, data out; nothing here knows about LSP, files or the terminal.
 */
import type { Catalog } from '../catalog/catalog';
import { hadCommentsBlanked, parseText, ParseTimeout, type Edit, type Grammar, type Tree } from '../parsing/treeSitter';
import { checkModel, type CheckOptions } from './checker';
import type { Finding } from './diagnostics';
import { FindingsMemo } from './findingsMemo';
import { describeBrokenRegions } from './frontends/brokenRegions';
import type { ExtractOptions, FrontEnd, ModuleIdentity } from './frontends/frontend';
import { FactMemo } from './frontends/factMemo';
import { prepareKeptFacts, type ChangedRegion } from './frontends/pythonStatementMemo';
import { extractPython } from './frontends/python';
import { extractTypeScript } from './frontends/typescript';
import type { FileModel, SourceLanguage } from './model';
import { INTERNAL_ERROR_CODE } from './rules/index';
import { withoutTrailingLineBreak } from './textChange';
import { LANGUAGES } from '../../../shared/languages';
import type { SourceText } from './sourceText';

export { checkModel, type CheckOptions } from './checker';

/** One front end per grammar of the language table (shared/languages.ts). */
const frontEnds: Record<Grammar, FrontEnd> = {
  python: extractPython,
  typescript: extractTypeScript,
  tsx: extractTypeScript,
  javascript: extractTypeScript,
};

export function frontEndFor(grammar: Grammar): FrontEnd | undefined {
  return frontEnds[grammar];
}

export function languageOf(grammar: Grammar): SourceLanguage {
  return LANGUAGES.find((row) => row.grammar === grammar)!.model;
}

export function emptyModel(language: SourceLanguage): FileModel {
  return { language, sites: [], signalRefs: [], imports: [], tasks: [], syntaxProblems: [] };
}

export function extractModel(
  tree: Tree,
  text: SourceText,
  grammar: Grammar,
  catalog: Catalog,
  module?: ModuleIdentity,
  memo?: FactMemo,
  edited?: ExtractOptions['edited'],
): FileModel {
  const frontEnd = frontEndFor(grammar);
  if (!frontEnd) return emptyModel(languageOf(grammar));
  memo?.begin();
  const model = frontEnd(tree, text, catalog, { ...(module && { module }), memo, ...(edited && { edited }) });
  memo?.sweep();
  describeBrokenRegions(model, text, catalog);
  return model;
}

export function defaultCheckOptions(catalog: Catalog): CheckOptions {
  return { celeryVersion: catalog.latestCeleryVersion };
}

export function internalError(stage: string, error: unknown, options: CheckOptions): Finding[] {
  const configured = options.severities?.[INTERNAL_ERROR_CODE];
  if (configured === 'off') return [];
  const detail = error instanceof Error ? error.message : String(error);
  return [
    {
      code: INTERNAL_ERROR_CODE,
      severity: configured ?? 'warning',
      span: { start: 0, end: 0 },
      message: `celery-signals could not ${stage} this file (${detail}); it was not checked. Please report this.`,
      fixes: [],
    },
  ];
}

export interface SourceInput {
  text: SourceText;
  grammar: Grammar;
  catalog: Catalog;
  options?: CheckOptions;
  /**
   * The tree of an earlier text and the edits (analysis/textChange) that lead from it to `text`. The
   * tree is edited in place and handed to the parser to reuse; the caller still owns and deletes it.
   */
  previous?: { tree: Tree; edits: readonly Edit[] };
  /** A parse that takes longer throws ParseTimeout (the server's bound on one document); none by default. */
  parseTimeLimitMs?: number;
  /** The file's place in its project (from the project index), so relative imports resolve. */
  module?: ModuleIdentity;
}

/**
 * Each tree's memo of per-definition facts, handed on to the tree parsed from it: a document's
 * analyses reuse what an edit left unchanged, and the memo lives exactly as long as the caller keeps
 * the document's tree.
 */
const memos = new WeakMap<Tree, FactMemo>();
/** Likewise the findings each tree's analysis found per site, for the checker to reuse. */
const findingsMemos = new WeakMap<Tree, FindingsMemo>();

/** The memo an analysis left with its tree (tests and benchmarks look at how much it reused). */
export function factMemoOf(tree: Tree): FactMemo | undefined {
  return memos.get(tree);
}

function memoFor(previousTree: Tree | undefined, catalog: Catalog, module: ModuleIdentity | undefined): FactMemo {
  const memo = previousTree && memos.get(previousTree);
  const where = module ? `${module.name}${module.isPackage ? '/__init__' : ''}` : '';
  return memo && memo.catalog === catalog && memo.module === where ? memo : new FactMemo(catalog, where);
}

/**
 * Does now what the first edit of the document analysed into `tree` would otherwise do before its
 * extraction (note which lines each kept judgement read, find where kept facts hold their spans):
 * the same work, once, while nothing waits for it. Safe to call any number of times before that edit.
 */
export function prepareForEdit(tree: Tree): void {
  findingsMemos.get(tree)?.beforeEdit();
  const memo = memos.get(tree);
  if (memo) prepareKeptFacts(memo, tree);
}

/** The one region of the previous text that `edits` (applied in order) replaced, and where it ends now. */
export function changedRegion(edits: readonly Edit[]): ChangedRegion {
  let region: ChangedRegion | undefined;
  for (const edit of edits) {
    if (!region) {
      region = { start: edit.startIndex, oldEnd: edit.oldEndIndex, newEnd: edit.newEndIndex };
      continue;
    }
    // Before this edit the text after `region.newEnd` was the previous text after `region.oldEnd`.
    const end = Math.max(region.newEnd, edit.oldEndIndex);
    region = { start: Math.min(region.start, edit.startIndex), oldEnd: region.oldEnd + end - region.newEnd, newEnd: end + edit.newEndIndex - edit.oldEndIndex };
  }
  return region ?? { start: 0, oldEnd: 0, newEnd: 0 };
}

export interface SourceAnalysis {
  model: FileModel;
  findings: Finding[];
}

/**
 * The one analysis pipeline: parse (reusing a previous tree when given), extract, check, and keep every
 * finding's range off line terminators. The CLI, the language server and the tests all come through
 * here; an edit only changes how the tree is obtained, so an incremental result is a fresh result.
 * Never throws: a failure becomes one `internal-error` finding. The caller owns the returned tree.
 */
export async function analyzeSource(input: SourceInput): Promise<SourceAnalysis & { tree?: Tree }> {
  const { text, grammar, catalog } = input;
  const options = input.options ?? defaultCheckOptions(catalog);
  let tree: Tree | undefined;
  let model: FileModel;
  let edited: ExtractOptions['edited'];
  let previous: SourceInput['previous'];
  try {
    if (input.previous) for (const edit of input.previous.edits) input.previous.tree.edit(edit);
    tree = await parseText(grammar, text, input.previous?.tree, input.parseTimeLimitMs);
    // Where the text has errors, tree-sitter's recovery can depend on the tree it reused; a fresh
    // parse there keeps an edited document's analysis identical to a fresh open.
    if (input.previous && tree.rootNode.hasError) {
      tree.delete();
      tree = await parseText(grammar, text, undefined, input.parseTimeLimitMs);
    }
    // Which comments of a long block are blanked depends on the whole block, which an edit can change
    // beyond its own range: such a document is analysed afresh, as parseText parsed it.
    previous = input.previous && !hadCommentsBlanked(tree) && !hadCommentsBlanked(input.previous.tree) ? input.previous : undefined;
    const memo = memoFor(previous?.tree, catalog, input.module);
    edited = previous && { tree: previous.tree, changed: changedRegion(previous.edits) };
    // Before extraction, which may move the spans of kept sites in place.
    if (previous) findingsMemos.get(previous.tree)?.beforeEdit();
    model = extractModel(tree, text, grammar, catalog, input.module, memo, edited);
    memos.set(tree, memo);
  } catch (error) {
    tree?.delete();
    // Too slow is not a fault of the analysis: the caller says so in its own words.
    if (error instanceof ParseTimeout) throw error;
    return { model: emptyModel(languageOf(grammar)), findings: internalError('analyse', error, options) };
  }
  try {
    const findingsMemo = (previous && findingsMemos.get(previous.tree)) || new FindingsMemo();
    const findings = keptOffLineBreaks(checkModel(model, catalog, options, text, { memo: findingsMemo, changed: edited?.changed }), text);
    if (tree) findingsMemos.set(tree, findingsMemo);
    return { model, findings, tree };
  } catch (error) {
    return { model, findings: internalError('check', error, options), tree };
  }
}

/**
 * The pipeline in two halves, for the project index: extract a model (no tree kept) now, judge it
 * later against the catalog the whole project implies. Together they give what analyzeSource gives.
 */
export async function extractSource(
  text: string,
  grammar: Grammar,
  catalog: Catalog,
  module?: ModuleIdentity,
  /**
   * Reads more from the same tree (the project index's module exports), so the file is parsed once;
   * may name the catalog to extract with instead, once it knows what the module adds to it.
   */
  alsoRead?: (tree: Tree) => Catalog | void,
): Promise<{ model: FileModel; failure?: unknown }> {
  let tree: Tree | undefined;
  try {
    tree = await parseText(grammar, text);
    const readCatalog = alsoRead?.(tree);
    return { model: extractModel(tree, text, grammar, readCatalog ?? catalog, module) };
  } catch (failure) {
    return { model: emptyModel(languageOf(grammar)), failure };
  } finally {
    tree?.delete();
  }
}

export function checkExtracted(extracted: { model: FileModel; failure?: unknown }, catalog: Catalog, options: CheckOptions, text?: string): Finding[] {
  if (extracted.failure !== undefined) return internalError('analyse', extracted.failure, options);
  try {
    const findings = checkModel(extracted.model, catalog, options, text);
    return text === undefined ? findings : keptOffLineBreaks(findings, text);
  } catch (error) {
    return internalError('check', error, options);
  }
}

function keptOffLineBreaks(findings: Finding[], text: SourceText): Finding[] {
  for (const finding of findings) {
    finding.span = withoutTrailingLineBreak(finding.span, text);
    for (const related of finding.related ?? []) related.span = withoutTrailingLineBreak(related.span, text);
  }
  return findings;
}

/** Analyses one text from scratch (the CLI and most tests). */
export async function analyzeText(
  text: string,
  grammar: Grammar,
  catalog: Catalog,
  options: CheckOptions = defaultCheckOptions(catalog),
): Promise<SourceAnalysis> {
  const { tree, ...result } = await analyzeSource({ text, grammar, catalog, options });
  tree?.delete();
  return result;
}
