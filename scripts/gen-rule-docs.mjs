// Writes the rule documentation copies from each rule's `docs`: the README section between the
// rules:start / rules:end markers, the Chinese README's rule table and the `config.severity.<code>` strings of both package.nls files.
// A test checks they are current. Usage: node scripts/gen-rule-docs.mjs [--check]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadTs, root, writeGenerated } from './gen-support.mjs';

const { rules } = await loadTs('server/src/analysis/rules/index.ts');
const { README_FILE, CHINESE_README_FILE, NLS_FILES, withRuleSections, withChineseRuleTable, withSeverityDescriptions, nlsText } = await loadTs('scripts/contributions/ruleDocs.ts');
const read = (file) => fs.readFileSync(path.join(root, file), 'utf8');
const files = [
  [README_FILE, withRuleSections(read(README_FILE), rules)],
  [CHINESE_README_FILE, withChineseRuleTable(read(CHINESE_README_FILE), rules)],
];
for (const [language, file] of Object.entries(NLS_FILES)) {
  files.push([file, nlsText(withSeverityDescriptions(JSON.parse(read(file)), language, rules))]);
}
writeGenerated(files, process.argv.includes('--check'));
