/** Checking one file for the CLI: the same work in the main thread and in a worker thread. */
import { analyzeText, type CheckOptions } from '../analysis/analyze';
import type { Finding } from '../analysis/diagnostics';
import { mayHoldFacts } from '../analysis/factWords';
import type { Catalog } from '../catalog/catalog';
import { grammarFor } from '../parsing/treeSitter';
import { readSource } from './files';

export interface CheckRequest {
  options: CheckOptions;
  maxFileBytes?: number;
  /** Parse every file, even one that holds no fact word (analysis/factWords.ts): for checking the skip. */
  parseAll: boolean;
}

/**
 * What became of one file. `text` is kept only when there are findings: nothing else reads it, and a
 * large tree's texts would otherwise all be kept (and, from workers, copied) until the report.
 */
export type FileOutcome = { skipped: string } | { findings: Finding[]; text: string };

export async function checkFile(file: string, catalog: Catalog, request: CheckRequest, options = request.options): Promise<FileOutcome> {
  const grammar = grammarFor(file);
  if (!grammar) return { skipped: 'not a Python, TypeScript or JavaScript file' };
  const read = readSource(file, request.maxFileBytes);
  if ('skipped' in read) return { skipped: read.skipped };
  // Without a fact word the analysis is known: no facts, so no finding. The file still counts as checked.
  if (!request.parseAll && !mayHoldFacts(read.text, catalog)) return { findings: [], text: '' };
  const { findings } = await analyzeText(read.text, grammar, catalog, options);
  return { findings, text: findings.length > 0 ? read.text : '' };
}
