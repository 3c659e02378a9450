// Rules judge the model, never the source text: the same model checked against a blanked copy of
// the text (same length, same line breaks, every other character a space) must give the same
// findings. Only fixes may differ: they are edits of the text and are computed from it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { checkModel, extractModel } from '../server/src/analysis/analyze';
import type { Finding } from '../server/src/analysis/diagnostics';
import { rules } from '../server/src/analysis/rules/index';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import { grammarFor, parseText } from '../server/src/parsing/treeSitter';
import { commentTokenFor, parseFixture } from './support/fixtures';

/**
 * Rules that still find problems by reading the text. This list only shrinks: a rule that no
 * longer needs the text fails the test until it is taken off.
 */
const STILL_READ_TEXT = new Set<string>([
]);

const fixturesRoot = path.join(__dirname, 'fixtures');

function fixtureFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? fixtureFiles(path.join(dir, e.name)) : /\.(py|ts|tsx|js)$/.test(e.name) ? [path.join(dir, e.name)] : []))
    .sort();
}

function blanked(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

function comparable(findings: Finding[]): string[] {
  return findings.map((f) => `${f.code} ${f.severity} ${f.span.start}-${f.span.end} ${f.message}`).sort();
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
        const withText = comparable(checkModel(model, catalog, options, testCase.text));
        let withoutText: string[];
        try {
          withoutText = comparable(checkModel(model, catalog, options, blanked(testCase.text)));
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
