/**
 * Fix safety: a quick-fix or refactor, applied, must remove the finding it was offered on and must not
 * add an error, a warning or a syntax problem anywhere in the file (every connection of the function
 * is re-judged, not only the one the fix was computed for).
 */
import { refactorsAt } from '../../server/src/analysis/actions';
import { analyzeText } from '../../server/src/analysis/analyze';
import type { Finding, Fix, TextEdit } from '../../server/src/analysis/diagnostics';
import { getBundledCatalog } from '../../server/src/catalog/catalog';
import type { Grammar } from '../../server/src/parsing/treeSitter';
import { applyEdits } from './checkFix';

const catalog = getBundledCatalog();

export interface UnsafeFix {
  title: string;
  /** The finding the fix was offered on, or `refactor`. */
  on: string;
  problem: string;
  before: string;
  after: string;
}

const judged = (f: Finding) => f.severity === 'error' || f.severity === 'warning' || f.code === 'syntax-error';
const keyOf = (f: Finding) => `${f.code}: ${f.message}`;
/** What a problem is about, whatever its wording: its rule, severity and the first name it quotes. */
const subjectOf = (f: Finding) => `${f.severity} ${f.code} ${/`([^`]*)`/.exec(f.message)?.[1] ?? ''}`;

function countBy(findings: Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) groups.set(subjectOf(f), [...(groups.get(subjectOf(f)) ?? []), f]);
  return groups;
}

/**
 * Giving a never-sent parameter a default is the way out of a TypeError: what is left is a warning
 * that the parameter always keeps its default, on the same name. A warning standing where an error
 * was (the fixed one, or one the fix also cleared for another connection) is allowed.
 */
/**
 * A fix that brings a dead connection to life (a misspelt option that made connect raise, a receiver
 * that was garbage-collected at once) lets the checker judge that connection for the first time. What
 * it then warns about was written by the user, not by the fix; new errors still count.
 */
const REVIVING = new Set(['unknown-connect-option', 'weak-local-receiver']);

function replacesAnError(added: Finding, errorsBefore: Finding[], after: Finding[], edits: TextEdit[]): boolean {
  if (added.severity !== 'warning') return false;
  return errorsBefore.some((e) => shifted(e.span.start, edits) === added.span.start && !after.some((f) => f.severity === 'error' && f.span.start === added.span.start));
}

/** Where an offset of the original text lands once the edits are applied. */
function shifted(offset: number, edits: TextEdit[]): number {
  let delta = 0;
  for (const e of edits) if (e.span.end <= offset) delta += e.newText.length - (e.span.end - e.span.start);
  return offset + delta;
}

/** Every fix and refactor offered on `text`, each applied alone and re-checked. */
export async function unsafeFixesIn(text: string, grammar: Grammar, celeryVersion = catalog.latestCeleryVersion): Promise<{ tried: number; unsafe: UnsafeFix[] }> {
  const options = { celeryVersion, includeHints: true };
  const { model, findings } = await analyzeText(text, grammar, catalog, options);
  const candidates: { fix: Fix; finding?: Finding }[] = [];
  for (const finding of findings) for (const fix of finding.fixes) candidates.push({ fix, finding });
  const offered = new Set<string>();
  for (const site of model.sites) {
    const span = site.handler?.definitionSpan ?? site.connection.span;
    for (const fix of refactorsAt(model, text, span, catalog, celeryVersion)) {
      const key = JSON.stringify(fix.edits);
      if (!offered.has(key)) candidates.push({ fix });
      offered.add(key);
    }
  }
  const beforeCounts = countBy(findings.filter(judged));
  const errorsBefore = findings.filter((f) => f.severity === 'error');
  const unsafe: UnsafeFix[] = [];
  for (const { fix, finding } of candidates) {
    const after = applyEdits(text, fix.edits);
    const again = await analyzeText(after, grammar, catalog, options);
    const problems: string[] = [];
    if (after === text) problems.push('changes nothing');
    if (finding) {
      const stillThere = again.findings.filter((f) => keyOf(f) === keyOf(finding)).length;
      const wasThere = findings.filter((f) => keyOf(f) === keyOf(finding)).length;
      if (stillThere >= wasThere) problems.push(`leaves ${keyOf(finding)}`);
    }
    for (const [subject, group] of countBy(again.findings.filter(judged))) {
      if (group.length <= (beforeCounts.get(subject)?.length ?? 0)) continue;
      if (group.every((f) => replacesAnError(f, errorsBefore, again.findings, fix.edits))) continue;
      if (finding && REVIVING.has(finding.code) && group.every((f) => f.severity === 'warning')) continue;
      problems.push(`adds ${keyOf(group[0])}`);
    }
    if (problems.length) unsafe.push({ title: fix.title, on: finding ? keyOf(finding) : 'refactor', problem: problems.join('; '), before: text, after });
  }
  return { tried: candidates.length, unsafe };
}
