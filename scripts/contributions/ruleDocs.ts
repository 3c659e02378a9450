/**
 * Rule documentation generated from the rule registry: the README's rule section and the severity
 * setting's descriptions in package.nls.json and package.nls.zh-cn.json. Each rule's `docs` is the
 * only place its text is written; `scripts/gen-rule-docs.mjs` writes the copies and a test fails when
 * they drift.
 */
import type { Rule } from '../../server/src/analysis/rules/index';

export const README_FILE = 'README.md';
export const CHINESE_README_FILE = 'README.zh-CN.md';
export const NLS_FILES = { en: 'package.nls.json', 'zh-cn': 'package.nls.zh-cn.json' } as const;
const START_MARKER = /<!-- rules:start[^>]*-->\n/;
const END_MARKER = '<!-- rules:end -->';
const TABLE_START_MARKER = /<!-- rules-table:start[^>]*-->\n/;
const TABLE_END_MARKER = '<!-- rules-table:end -->';
const WIDTH = 105;

function wrap(paragraph: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

export function ruleSection(rule: Rule): string {
  const fix = rule.docs.fix ? ` **Fix:** ${rule.docs.fix}` : '';
  return `### \`${rule.code}\` — ${rule.defaultSeverity}\n${wrap(rule.docs.rationale + fix)}\n`;
}

/** The README with the text between its rule markers regenerated. */
export function withRuleSections(readme: string, rules: readonly Rule[]): string {
  const start = START_MARKER.exec(readme);
  const end = readme.indexOf(END_MARKER);
  if (!start || end < start.index) throw new Error(`${README_FILE} has lost its rules:start / rules:end markers`);
  const from = start.index + start[0].length;
  return readme.slice(0, from) + rules.map(ruleSection).join('\n') + readme.slice(end);
}

/** The Chinese README with its rule table (code, default level, Chinese summary) regenerated. */
export function withChineseRuleTable(readme: string, rules: readonly Rule[]): string {
  const start = TABLE_START_MARKER.exec(readme);
  const end = readme.indexOf(TABLE_END_MARKER);
  if (!start || end < start.index) throw new Error(`${CHINESE_README_FILE} has lost its rules-table:start / rules-table:end markers`);
  const rows = rules.map((rule) => `| \`${rule.code}\` | ${rule.defaultSeverity} | ${rule.docs.summary['zh-cn'].replace(/\|/g, '\\|')} |`);
  const table = ['| 代码 | 默认级别 | 说明 |', '| --- | --- | --- |', ...rows].join('\n');
  return `${readme.slice(0, start.index + start[0].length)}${table}\n${readme.slice(end)}`;
}

const isRuleKey = (key: string) => key.startsWith('config.severity.') && !key.startsWith('config.severity.level.');

/** The manifest strings with one `config.severity.<code>` per rule, in registry order, where the old ones were. */
export function withSeverityDescriptions(strings: Record<string, string>, language: keyof typeof NLS_FILES, rules: readonly Rule[]): Record<string, string> {
  const result: Record<string, string> = {};
  let placed = false;
  const place = () => {
    for (const rule of rules) result[`config.severity.${rule.code}`] = rule.docs.summary[language];
    placed = true;
  };
  for (const [key, value] of Object.entries(strings)) {
    if (isRuleKey(key)) {
      if (!placed) place();
      continue;
    }
    result[key] = value;
  }
  if (!placed) place();
  return result;
}

export function nlsText(strings: Record<string, string>): string {
  return JSON.stringify(strings, null, 2) + '\n';
}
