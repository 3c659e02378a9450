// Each rule's `docs` is the one written copy of its documentation: the README's rule section and the
// severity descriptions of both package.nls files must be what scripts/gen-rule-docs.mjs makes of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rules } from '../server/src/analysis/rules/index';
import { CHINESE_README_FILE, NLS_FILES, README_FILE, nlsText, ruleSection, withChineseRuleTable, withRuleSections, withSeverityDescriptions } from '../scripts/contributions/ruleDocs';

const root = path.join(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

test('the README rule section is generated from the rules (else run node scripts/gen-rule-docs.mjs)', () => {
  const readme = read(README_FILE);
  assert.equal(readme, withRuleSections(readme, rules));
  for (const rule of rules) assert.ok(readme.includes(ruleSection(rule)), `${rule.code} section`);
});

test('the Chinese README rule table is generated from the rules (else run node scripts/gen-rule-docs.mjs)', () => {
  const readme = read(CHINESE_README_FILE);
  assert.equal(readme, withChineseRuleTable(readme, rules));
});

for (const [language, file] of Object.entries(NLS_FILES) as [keyof typeof NLS_FILES, string][]) {
  test(`${file} severity descriptions are generated from the rules (else run node scripts/gen-rule-docs.mjs)`, () => {
    const strings = JSON.parse(read(file));
    assert.equal(read(file), nlsText(withSeverityDescriptions(strings, language, rules)));
    for (const rule of rules) assert.equal(strings[`config.severity.${rule.code}`], rule.docs.summary[language]);
  });
}

test('every rule documents a summary in each language and a rationale; sections carry their fix', () => {
  for (const rule of rules) {
    assert.ok(rule.docs.summary.en.length > 20 && rule.docs.summary['zh-cn'].length > 5, `${rule.code} summary`);
    assert.ok(rule.docs.rationale.length > 80, `${rule.code} rationale`);
    if (rule.docs.fix) assert.match(ruleSection(rule), /\*\*Fix:\*\*\s/);
  }
});

test('regenerating replaces only the text between the markers', () => {
  const readme = 'intro\n<!-- rules:start (generated) -->\nold text\n<!-- rules:end -->\noutro\n';
  const generated = withRuleSections(readme, rules.slice(0, 1));
  assert.ok(generated.startsWith('intro\n<!-- rules:start (generated) -->\n### `'));
  assert.ok(generated.endsWith('<!-- rules:end -->\noutro\n'));
  assert.ok(!generated.includes('old text'));
  assert.throws(() => withRuleSections('no markers', rules), /markers/);
});
