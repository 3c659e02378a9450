/**
 * `--fix`: applies each finding's preferred fix (the one an editor's "Fix all" applies), re-checks,
 * and repeats while fixes apply, since one fix can move or unlock another. A round whose result has
 * more errors or syntax errors than its input is thrown away, so a file is never left worse.
 */
import type { Finding, Fix, TextEdit } from '../analysis/diagnostics';

/** Enough for chains of fixes on one handler; a cycle could never finish otherwise. */
const MAX_ROUNDS = 8;

export interface FixResult {
  text: string;
  findings: Finding[];
  /** Codes of the findings whose fixes were applied, one entry per fix. */
  fixedCodes: string[];
  /** Set when a fix was withheld because it would have made the file worse. */
  withheld?: string;
}

const overlapping = (a: TextEdit, b: TextEdit): boolean =>
  a.span.start < b.span.end && b.span.start < a.span.end || (a.span.start === b.span.start && (a.span.start === a.span.end || b.span.start === b.span.end));

/** The preferred fixes whose edits do not touch each other, in file order. */
function compatibleFixes(findings: readonly Finding[]): { fix: Fix; code: string }[] {
  const chosen: { fix: Fix; code: string }[] = [];
  const taken: TextEdit[] = [];
  const candidates = findings
    .map((finding) => ({ code: finding.code, fix: finding.fixes.find((f) => f.preferred && f.edits.length > 0) }))
    .filter((c): c is { code: string; fix: Fix } => c.fix !== undefined)
    .sort((a, b) => a.fix.edits[0].span.start - b.fix.edits[0].span.start);
  for (const candidate of candidates) {
    if (candidate.fix.edits.some((e) => taken.some((t) => overlapping(e, t)))) continue;
    chosen.push(candidate);
    taken.push(...candidate.fix.edits);
  }
  return chosen;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

const count = (findings: readonly Finding[], test: (f: Finding) => boolean): number => findings.filter(test).length;

/** More errors, a parse problem, or the fixed findings still all there: the round did no good. */
function worse(before: readonly Finding[], after: readonly Finding[], fixedCodes: ReadonlySet<string>): boolean {
  const errors = (f: Finding) => f.severity === 'error';
  const syntax = (f: Finding) => f.code === 'syntax-error' || f.code === 'internal-error';
  const fixed = (f: Finding) => fixedCodes.has(f.code);
  return count(after, errors) > count(before, errors) || count(after, syntax) > count(before, syntax) || count(after, fixed) >= count(before, fixed);
}

export async function fixText(text: string, findings: Finding[], check: (text: string) => Promise<Finding[]>): Promise<FixResult> {
  const result: FixResult = { text, findings, fixedCodes: [] };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const fixes = compatibleFixes(result.findings);
    if (fixes.length === 0) break;
    const candidate = applyEdits(result.text, fixes.flatMap((f) => f.fix.edits));
    const after = await check(candidate);
    if (worse(result.findings, after, new Set(fixes.map((f) => f.code)))) {
      result.withheld = fixes.map((f) => f.fix.title).join('; ');
      break;
    }
    Object.assign(result, { text: candidate, findings: after });
    result.fixedCodes.push(...fixes.map((f) => f.code));
  }
  return result;
}
