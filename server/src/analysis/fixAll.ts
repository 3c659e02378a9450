/**
 * "Fix all" (the editor's source action and the CLI's `--fix`): applies the preferred fix of every
 * finding, re-checking the file after each round. A fix that would leave its finding, add an error or
 * a parse problem is skipped, so the result is never worse than what the user had.
 */
import type { Catalog } from '../catalog/catalog';
import type { Grammar } from '../parsing/treeSitter';
import { analyzeText, type CheckOptions } from './analyze';
import type { Finding, Fix, TextEdit } from './diagnostics';
import type { FileModel } from './model';

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

interface Candidate {
  finding: Finding;
  fix: Fix;
  key: string;
  /** From the first edit's start to the last edit's end. */
  reach: { start: number; end: number };
}

function candidatesOf(findings: Finding[], skipped: Set<string>): Candidate[] {
  const candidates: Candidate[] = [];
  for (const finding of findings) {
    const fix = finding.fixes.find((x) => x.preferred && !skipped.has(`${findingKey(finding)}\u0000${x.title}`));
    if (!fix || fix.edits.length === 0) continue;
    const reach = { start: Math.min(...fix.edits.map((e) => e.span.start)), end: Math.max(...fix.edits.map((e) => e.span.end)) };
    candidates.push({ finding, fix, key: `${findingKey(finding)}\u0000${fix.title}`, reach });
  }
  return candidates;
}

/** Fixes whose edits lie apart from each other's, so they can be applied together. */
function disjoint(candidates: Candidate[]): Candidate[] {
  const chosen: Candidate[] = [];
  for (const c of [...candidates].sort((a, b) => a.reach.start - b.reach.start)) {
    const last = chosen[chosen.length - 1];
    if (!last || last.reach.end < c.reach.start) chosen.push(c);
  }
  return chosen;
}

interface Checked {
  findings: Finding[];
  model: FileModel;
}

/** Parse problems counted from the model, so a fix that breaks the syntax is caught whatever the severity settings. */
const parseProblems = (checked: Checked) => checked.model.syntaxProblems.filter((p) => !p.inert).length;

function improvesAll(before: Checked, after: Checked, fixed: Finding[]): boolean {
  if (parseProblems(after) > parseProblems(before)) return false;
  const errorsFixed = fixed.filter(isError).length;
  if (count(after.findings, isError) > count(before.findings, isError) - errorsFixed) return false;
  // Findings of one kind (same code and message) may be fixed several at once: each must go.
  return fixed.every((f) => {
    const key = findingKey(f);
    const same = (x: Finding) => findingKey(x) === key;
    return count(after.findings, same) <= count(before.findings, same) - count(fixed, same);
  });
}

export interface FixAllResult {
  text: string;
  /** The findings of the fixed text. */
  findings: Finding[];
  /** The findings whose fixes were applied. */
  fixed: Finding[];
}

/**
 * Every safe preferred fix applied. Each round applies the fixes that do not touch each other at
 * once and re-checks; when that batch is not a clear improvement, the round falls back to one fix,
 * which is kept only if it improves the file on its own.
 */
export async function fixAll(text: string, grammar: Grammar, catalog: Catalog, options: CheckOptions): Promise<FixAllResult> {
  let current = text;
  let checked: Checked = await analyzeText(current, grammar, catalog, options);
  const fixed: Finding[] = [];
  const skipped = new Set<string>();
  for (let step = 0; step < MAX_STEPS; step++) {
    const candidates = candidatesOf(checked.findings, skipped);
    if (candidates.length === 0) break;
    const batch = disjoint(candidates);
    if (batch.length > 1) {
      const next = applyTextEdits(current, batch.flatMap((c) => c.fix.edits));
      const after = await analyzeText(next, grammar, catalog, options);
      if (improvesAll(checked, after, batch.map((c) => c.finding))) {
        current = next;
        checked = after;
        fixed.push(...batch.map((c) => c.finding));
        continue;
      }
    }
    const [first] = candidates;
    const next = applyTextEdits(current, first.fix.edits);
    const after = await analyzeText(next, grammar, catalog, options);
    if (improvesAll(checked, after, [first.finding])) {
      current = next;
      checked = after;
      fixed.push(first.finding);
    } else skipped.add(first.key);
  }
  return { text: current, findings: checked.findings, fixed };
}

export async function fixAllText(text: string, grammar: Grammar, catalog: Catalog, options: CheckOptions): Promise<string> {
  return (await fixAll(text, grammar, catalog, options)).text;
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
