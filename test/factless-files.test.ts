// The project index reads an unparsed file only for the words its test of "may this file import what
// the project needs" looks for (project/factlessFiles.ts): that must find exactly what collecting
// every identifier of the file would, for those words.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { LANGUAGES } from '../shared/languages';
import { checkExtracted, emptyModel } from '../server/src/analysis/analyze';
import { rules } from '../server/src/analysis/rules/index';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import { needsParsing } from '../server/src/project/factlessFiles';

const catalog = getBundledCatalog();
const FRAGMENTS = ['celery', 'app', 'signals', 'hub', 'hub_2', 'relay', 'x', '_', '9', '0x', ' ', '.', '\n', '(', 'é', 'from', 'import', '#', '"', 'Ahub'];

function identifiersOf(text: string): Set<string> {
  return new Set(text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
}

test('the words an unparsed file is read for are found as the file writes them', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }), fc.subarray(['app.signals', 'app.hub', 'relay', 'hub_2.x']), (pieces, matter) => {
      const text = pieces.join('');
      const parsing = needsParsing(new Set(matter), catalog);
      const sought = parsing.key.split(' ');
      const expected = [...identifiersOf(text)].filter((word) => sought.includes(word)).sort();
      assert.deepEqual([...parsing.read(text).identifiers].sort(), expected, JSON.stringify(text));
    }),
    { numRuns: 2000 },
  );
});

test('a file is read again only for a test that looks for other words', () => {
  const one = needsParsing(new Set(['app.signals']), catalog);
  assert.equal(needsParsing(new Set(['app.signals']), catalog).key, one.key);
  assert.notEqual(needsParsing(new Set(['app.hub']), catalog).key, one.key);
  const written = one.read('from app import signals as s\n');
  assert.ok(one.needs(written, []));
  assert.ok(!one.needs(one.read('from app import hub\n'), []));
});

test('past a few hundred modules that matter, every identifier of the file is collected', () => {
  const many = new Set(Array.from({ length: 300 }, (_, i) => `pkg.module_${i}`));
  const parsing = needsParsing(many, catalog);
  assert.equal(parsing.key, '*');
  assert.deepEqual([...parsing.read('import other, pkg.module_7\n').identifiers].sort(), ['import', 'module_7', 'other', 'pkg']);
  assert.ok(parsing.needs(parsing.read('import other, pkg.module_7\n'), []));
});

test('a file left unparsed is given no finding: no rule reports anything on a model without facts', () => {
  // The index does not judge such a file (projectIndex.ts: ownFindings); this is what that stands for.
  const everything = Object.fromEntries(rules.map((rule) => [rule.code, 'error' as const]));
  for (const row of LANGUAGES) {
    for (const celeryVersion of ['4.0.0', '5.2.6', catalog.latestCeleryVersion]) {
      for (const text of [undefined, '', 'import os\n']) {
        const findings = checkExtracted({ model: emptyModel(row.model) }, catalog, { celeryVersion, includeHints: true, severities: everything }, text);
        assert.deepEqual(findings, [], `${row.id}, Celery ${celeryVersion}`);
      }
    }
  }
});
