/**
 * "Fix all": applies the preferred fix of every finding, one at a time, re-checking the file after
 * each. A fix that would leave its finding, add an error or break the syntax of the text as it now
 * stands is skipped, so the result is never worse than what the user had.
 */
import type { Catalog } from '../catalog/catalog';
import type { Grammar } from '../parsing/treeSitter';
import { analyzeText, type CheckOptions } from './analyze';
import type { Finding, Fix, TextEdit } from './diagnostics';

/** Enough for any real file; a cycle of fixes undoing each other stops here at the latest. */
const MAX_STEPS = 200;

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

const findingKey = (f: Finding) => `${f.code}\u0000${f.message}`;
const count = (findings: Finding[], test: (f: Finding) => boolean) => findings.filter(test).length;
const isError = (f: Finding) => f.severity === 'error' || f.code === 'syntax-error';

function improves(before: Finding[], after: Finding[], fixed: Finding): boolean {
  const key = findingKey(fixed);
  return count(after, (f) => findingKey(f) === key) < count(before, (f) => findingKey(f) === key) && count(after, isError) <= count(before, isError) - (isError(fixed) ? 1 : 0);
}

/** The text with every safe preferred fix applied. */
export async function fixAllText(text: string, grammar: Grammar, catalog: Catalog, options: CheckOptions): Promise<string> {
  let current = text;
  let { findings } = await analyzeText(current, grammar, catalog, options);
  const skipped = new Set<string>();
  for (let step = 0; step < MAX_STEPS; step++) {
    let candidate: { finding: Finding; fix: Fix } | undefined;
    for (const finding of findings) {
      const fix = finding.fixes.find((x) => x.preferred && !skipped.has(`${findingKey(finding)}\u0000${x.title}`));
      if (fix) {
        candidate = { finding, fix };
        break;
      }
    }
    if (!candidate) break;
    const next = applyTextEdits(current, candidate.fix.edits);
    const after = await analyzeText(next, grammar, catalog, options);
    if (improves(findings, after.findings, candidate.finding)) {
      current = next;
      findings = after.findings;
    } else skipped.add(`${findingKey(candidate.finding)}\u0000${candidate.fix.title}`);
  }
  return current;
}

/** One edit turning `before` into `after`: the part between their common prefix and suffix. */
export function replacingEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  // Never cut a surrogate pair in two: the edit's ends are UTF-16 offsets an editor converts.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  if (end > 0 && isHighSurrogate(before.charCodeAt(before.length - end - 1))) end--;
  return { span: { start, end: before.length - end }, newText: after.slice(start, after.length - end) };
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
