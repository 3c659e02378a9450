// Every annotated fixture under test/fixtures/{python,typescript} is analysed case by case and its
// diagnostics compared, as a set, with the annotations.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyzeText } from '../server/src/analysis/analyze';
import { rules } from '../server/src/analysis/rules/index';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import { grammarFor } from '../server/src/parsing/treeSitter';
import { commentTokenFor, compareFindings, describeComparison, locate, parseFixture } from './support/fixtures';

const fixturesRoot = path.join(__dirname, 'fixtures');
const FIXTURE_FILE = /\.(py|ts|tsx|js)$/;

function fixtureFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? fixtureFiles(path.join(dir, e.name)) : FIXTURE_FILE.test(e.name) ? [path.join(dir, e.name)] : []))
    .sort();
}

const files = [...fixtureFiles(path.join(fixturesRoot, 'python')), ...fixtureFiles(path.join(fixturesRoot, 'typescript'))];
const catalog = getBundledCatalog();

for (const file of files) {
  const relative = path.relative(fixturesRoot, file);
  const token = commentTokenFor(file);
  const grammar = grammarFor(file)!;
  describe(relative, () => {
    for (const testCase of parseFixture(fs.readFileSync(file, 'utf8'), token)) {
      test(testCase.name, async () => {
        const options = { celeryVersion: testCase.celeryVersion ?? catalog.latestCeleryVersion, includeHints: testCase.includeHints };
        const { findings } = await analyzeText(testCase.text, grammar, catalog, options);
        const actual = locate(testCase.text, findings);
        const comparison = compareFindings(testCase.expected, actual);
        if (comparison.missing.length > 0 || comparison.unexpected.length > 0) {
          assert.fail(`${relative}: ${describeComparison(testCase, comparison, actual, token)}`);
        }
      });
    }
  });
}

test('every rule has at least one fixture annotation', () => {
  const annotated = new Set<string>();
  for (const file of files) {
    for (const c of parseFixture(fs.readFileSync(file, 'utf8'), commentTokenFor(file))) for (const e of c.expected) annotated.add(e.code);
  }
  const missing = rules.map((r) => r.code).filter((code) => !annotated.has(code));
  assert.deepEqual(missing, [], `rules without a fixture annotation: ${missing.join(', ')}`);
});

test('fixture annotations name registered rules', () => {
  const known = new Set(rules.map((r) => r.code));
  for (const file of files) {
    for (const c of parseFixture(fs.readFileSync(file, 'utf8'), commentTokenFor(file))) {
      for (const e of c.expected) assert.ok(known.has(e.code), `${path.relative(fixturesRoot, file)}:${e.fileLine}: unknown rule ${e.code}`);
    }
  }
});
