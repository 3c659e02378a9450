/**
 * The analysis entry points: pick a front end, extract the model, run the checker. Pure: text and
 * catalog in, data out; nothing here knows about LSP, files or the terminal.
 */
import type { Catalog } from '../catalog/catalog';
import { parseText, type Grammar, type Tree } from '../parsing/treeSitter';
import { checkModel, type CheckOptions } from './checker';
import type { Finding } from './diagnostics';
import type { FrontEnd } from './frontends/frontend';
import { extractPython } from './frontends/python';
import { extractTypeScript } from './frontends/typescript';
import type { FileModel, SourceLanguage } from './model';
import { INTERNAL_ERROR_CODE } from './rules/index';

export { checkModel, type CheckOptions } from './checker';

/** One front end per grammar. A new language = one front end registered here. */
const frontEnds: Partial<Record<Grammar, FrontEnd>> = {
  python: extractPython,
  typescript: extractTypeScript,
  tsx: extractTypeScript,
  javascript: extractTypeScript,
};

export function frontEndFor(grammar: Grammar): FrontEnd | undefined {
  return frontEnds[grammar];
}

export function languageOf(grammar: Grammar): SourceLanguage {
  if (grammar === 'python') return 'python';
  return grammar === 'javascript' ? 'javascript' : 'typescript';
}

export function emptyModel(language: SourceLanguage): FileModel {
  return { language, sites: [], signalRefs: [], imports: [], tasks: [], syntaxProblems: [] };
}

export function extractModel(tree: Tree, text: string, grammar: Grammar, catalog: Catalog): FileModel {
  const frontEnd = frontEndFor(grammar);
  return frontEnd ? frontEnd(tree, text, catalog) : emptyModel(languageOf(grammar));
}

export function defaultCheckOptions(catalog: Catalog): CheckOptions {
  return { celeryVersion: catalog.latestCeleryVersion };
}

function internalError(stage: string, error: unknown, options: CheckOptions): Finding[] {
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

/** Parses, extracts and checks one text. Never throws: a failure becomes one `internal-error` finding. */
export async function analyzeText(
  text: string,
  grammar: Grammar,
  catalog: Catalog,
  options: CheckOptions = defaultCheckOptions(catalog),
): Promise<{ model: FileModel; findings: Finding[] }> {
  let tree: Tree | undefined;
  let model: FileModel;
  try {
    tree = await parseText(grammar, text);
    model = extractModel(tree, text, grammar, catalog);
  } catch (error) {
    return { model: emptyModel(languageOf(grammar)), findings: internalError('analyse', error, options) };
  } finally {
    tree?.delete();
  }
  try {
    return { model, findings: checkModel(model, catalog, options, text) };
  } catch (error) {
    return { model, findings: internalError('check', error, options) };
  }
}
