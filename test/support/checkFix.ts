/**
 * Quick-fix tests as before/after texts: apply the named fix of the named finding, compare the whole
 * result, then check the fixed text no longer has that finding and still parses.
 */
import * as assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/analysis/analyze';
import type { Finding, TextEdit } from '../../server/src/analysis/diagnostics';
import { getBundledCatalog } from '../../server/src/catalog/catalog';
import type { Grammar } from '../../server/src/parsing/treeSitter';

const catalog = getBundledCatalog();
const options = { celeryVersion: catalog.latestCeleryVersion, includeHints: true };

export function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

function render(findings: Finding[]): string {
  return findings.map((f) => `${f.code} [${f.fixes.map((x) => x.title).join(' | ')}]`).join('\n');
}

export async function checkFix(before: string, code: string, title: string | RegExp, expected: string, grammar: Grammar): Promise<void> {
  const { findings } = await analyzeText(before, grammar, catalog, options);
  const finding = findings.find((f) => f.code === code);
  assert.ok(finding, `no ${code} finding; got:\n${render(findings)}`);
  const fix = finding.fixes.find((f) => (typeof title === 'string' ? f.title === title : title.test(f.title)));
  assert.ok(fix, `no fix "${title}" on ${code}; got:\n${render(findings)}`);
  const after = applyEdits(before, fix.edits);
  assert.equal(after, expected);
  const again = await analyzeText(after, grammar, catalog, options);
  const left = again.findings.filter((f) => f.code === code).map((f) => `${f.code}: ${f.message}`);
  // Every parse problem counts here, not only those the syntax-error rule reports.
  left.push(...again.model.syntaxProblems.map((p) => `parse problem: ${p.message}`));
  assert.deepEqual(left, [], 'the fixed text still has the finding (or no longer parses)');
}
