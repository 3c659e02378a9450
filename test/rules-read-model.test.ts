// Rules judge the model, never the source text: the same model checked against a blanked copy of
// the text (same length, same line breaks, every other character a space) must give the same
// findings, in every language, with the same related places. Only fixes may differ: they are edits
// of the text and are computed from it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { checkModel, extractModel } from '../server/src/analysis/analyze';
import type { Finding } from '../server/src/analysis/diagnostics';
import { rules } from '../server/src/analysis/rules/index';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import { grammarFor, parseText } from '../server/src/parsing/treeSitter';
import { commentTokenFor, fixtureFiles, parseFixture } from './support/fixtures';

/**
 * Rules that still find problems by reading the text. This list only shrinks: a rule that no
 * longer needs the text fails the test until it is taken off.
 */
const STILL_READ_TEXT = new Set<string>([
]);

const fixturesRoot = path.join(__dirname, 'fixtures');


function blanked(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

/** Everything about a finding but its fixes: both languages of the message, the related places and tags. */
function describe(f: Finding): string {
  const related = (f.related ?? []).map((r) => `${r.span.start}-${r.span.end} ${r.message} ${JSON.stringify(r.messages ?? {})}`);
  return [f.code, f.severity, `${f.span.start}-${f.span.end}`, f.message, JSON.stringify(f.messages ?? {}), ...related, (f.tags ?? []).join(',')].join(' | ');
}

/**
 * The findings as compared. A finding offered without fixes is marked: without the text it must come
 * without fixes too, as a fix that appears there would mean the text decided something. (A fix may
 * go missing without the text: it is an edit of the text.)
 */
function comparable(findings: Finding[], fixless: ReadonlySet<string>): string[] {
  return findings.map((f) => `${describe(f)}${fixless.has(describe(f)) && f.fixes.length === 0 ? ' | no fixes' : ''}`).sort();
}

test('rules find the same problems without the source text', async () => {
  const catalog = getBundledCatalog();
  const readers = new Map<string, string>();
  for (const file of fixtureFiles(fixturesRoot)) {
    const grammar = grammarFor(file)!;
    for (const testCase of parseFixture(fs.readFileSync(file, 'utf8'), commentTokenFor(file))) {
      const tree = await parseText(grammar, testCase.text);
      const model = extractModel(tree, testCase.text, grammar, catalog);
      tree.delete();
      for (const rule of rules) {
        const severities = Object.fromEntries(rules.map((r) => [r.code, r === rule ? r.defaultSeverity : ('off' as const)]));
        const options = { celeryVersion: testCase.celeryVersion ?? catalog.latestCeleryVersion, severities, includeHints: true };
        const found = checkModel(model, catalog, options, testCase.text);
        const fixless = new Set(found.filter((f) => f.fixes.length === 0).map(describe));
        const withText = comparable(found, fixless);
        let withoutText: string[];
        try {
          withoutText = comparable(checkModel(model, catalog, options, blanked(testCase.text)), fixless);
        } catch (error) {
          withoutText = [`threw ${String(error)}`];
        }
        if (JSON.stringify(withText) !== JSON.stringify(withoutText) && !readers.has(rule.code)) {
          readers.set(rule.code, `${path.relative(fixturesRoot, file)} › ${testCase.name}`);
        }
      }
    }
  }
  const newReaders = [...readers].filter(([code]) => !STILL_READ_TEXT.has(code)).map(([code, where]) => `${code} (${where})`);
  assert.deepEqual(newReaders, [], 'these rules read the document text to find problems; give them the fact through the model');
  const cured = [...STILL_READ_TEXT].filter((code) => !readers.has(code));
  assert.deepEqual(cured, [], 'these rules no longer read the text: take them off STILL_READ_TEXT');
});
