// README.zh-CN.md carries the same user sections as README.md: the same set-up snippets (so the tested
// ones stay tested), the same commands, and every rule in its table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rules } from '../server/src/analysis/rules/index';

const root = path.join(__dirname, '..');
const english = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const chinese = fs.readFileSync(path.join(root, 'README.zh-CN.md'), 'utf8');
const codeBlocks = (text: string, language: string) => [...text.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);

test('the Chinese README repeats the English set-up snippets exactly', () => {
  for (const language of ['lua', 'elisp', 'toml', 'yaml', 'ts', 'python']) {
    assert.deepEqual(codeBlocks(chinese, language), codeBlocks(english, language), `${language} blocks`);
  }
});

test('the Chinese README lists every rule with its default level', () => {
  for (const rule of rules) assert.match(chinese, new RegExp(`^\\| \`${rule.code}\` \\| ${rule.defaultSeverity} \\| \\S`, 'm'), rule.code);
  const listed = [...chinese.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]).filter((code) => !code.startsWith('celerySignals'));
  assert.deepEqual(listed.sort(), rules.map((r) => r.code).sort());
});

test('both READMEs point at each other and at images that exist', () => {
  assert.match(english, /\(README\.zh-CN\.md\)/);
  assert.match(chinese, /\(README\.md\)/);
  for (const text of [english, chinese]) {
    for (const [, image] of text.matchAll(/!\[[^\]]+\]\(([^)]+)\)/g)) assert.ok(fs.existsSync(path.join(root, image)), image);
  }
});
