// Rewrites the `celerySignals.severity` setting in package.json from the rule registry (one property
// per rule code, default = the rule's default severity). Touches nothing else in package.json. The
// description of each rule is the `config.severity.<code>` string of package.nls*.json, which
// scripts/gen-rule-docs.mjs writes from the rule's `docs`.
// Usage: node scripts/gen-settings.mjs [--check]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadTs, root, writeGenerated } from './gen-support.mjs';

const LEVELS = ['error', 'warning', 'information', 'hint', 'off'];
const { rules } = await loadTs('server/src/analysis/rules/index.ts');
const manifestPath = 'package.json';
const manifest = JSON.parse(fs.readFileSync(path.join(root, manifestPath), 'utf8'));
const editorDefault = (rule) => rule.editorDefaultSeverity ?? rule.defaultSeverity;
const defaults = Object.fromEntries(rules.map((rule) => [rule.code, editorDefault(rule)]));
const setting = manifest.contributes.configuration.properties['celerySignals.severity'];
setting.default = defaults;
setting.properties = Object.fromEntries(
  rules.map((rule) => [
    rule.code,
    {
      type: 'string',
      enum: LEVELS,
      default: editorDefault(rule),
      enumDescriptions: LEVELS.map((level) => `%config.severity.level.${level}%`),
      markdownDescription: `%config.severity.${rule.code}%`,
    },
  ]),
);
writeGenerated([[manifestPath, JSON.stringify(manifest, null, 2) + '\n']], process.argv.includes('--check'));
