// Chinese everywhere the user reads: every rule keeps an English and a Simplified Chinese table of its
// messages and fix titles; each phrase exists in both languages and keeps every argument; every
// finding the fixtures produce carries its translation; the CLI and the server speak the language asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../server/src/analysis/analyze';
import { rules } from '../server/src/analysis/rules/index';
import { allMessageTables } from '../server/src/analysis/rules/support/messages';
import '../server/src/analysis/actions';
import '../server/src/cli/fixFiles';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import { languageFromEnvironment } from '../server/src/cli/language';
import type { Grammar } from '../server/src/parsing/treeSitter';
import { project, run } from './support/cliProject';
import { commentTokenFor, parseFixture } from './support/fixtures';
import { withServer } from './protocol/lspClient';

const root = path.resolve(__dirname, '..');
const CHINESE = /[\u4e00-\u9fff]/;
const rulesDir = path.join(root, 'server/src/analysis/rules');

test('every rule file keeps a message table', () => {
  const files = fs.readdirSync(rulesDir).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
  assert.equal(files.length, rules.length, 'one file per rule');
  for (const file of files) assert.match(fs.readFileSync(path.join(rulesDir, file), 'utf8'), /messageTable\('/, `${file} has no messageTable`);
  const owners = new Set(allMessageTables.map((t) => t.owner));
  for (const rule of rules) assert.ok(owners.has(rule.code), `${rule.code} registers its table under its code`);
});

/** An argument that prints as a marker, also when a phrase reads its `.en` / `['zh-cn']` side. */
function marker(i: number): string {
  return Object.assign(new String(`«${i}»`), { en: `«${i}»`, 'zh-cn': `«${i}»` }) as unknown as string;
}

test('every phrase speaks both languages and drops none of its arguments', () => {
  assert.ok(allMessageTables.length >= rules.length);
  for (const { owner, table } of allMessageTables) {
    for (const [name, phrase] of Object.entries(table)) {
      const args = Array.from({ length: Math.max(phrase.en.length, phrase['zh-cn'].length) }, (_, i) => marker(i));
      const en = phrase.en(...args);
      const zh = phrase['zh-cn'](...args);
      assert.match(zh, CHINESE, `${owner}.${name} has no Chinese text: ${zh}`);
      assert.doesNotMatch(en, CHINESE, `${owner}.${name}: the English text is not English`);
      const markers = (text: string) => [...new Set(text.match(/«\d+»/g) ?? [])].sort();
      assert.deepEqual(markers(zh), markers(en), `${owner}.${name} prints different arguments in Chinese:\n${en}\n${zh}`);
    }
  }
});

function fixtureFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? fixtureFiles(full) : /\.(py|ts|tsx|js|jsx)$/.test(e.name) ? [full] : [];
  });
}

const GRAMMARS: Record<string, Grammar> = { '.py': 'python', '.ts': 'typescript', '.tsx': 'tsx', '.js': 'javascript', '.jsx': 'javascript' };

test('every finding and fix the fixtures produce has its Chinese text', async () => {
  const catalog = getBundledCatalog();
  const seen = new Set<string>();
  for (const file of fixtureFiles(path.join(root, 'test/fixtures'))) {
    for (const testCase of parseFixture(fs.readFileSync(file, 'utf8'), commentTokenFor(file))) {
      const options = { celeryVersion: testCase.celeryVersion ?? catalog.latestCeleryVersion, includeHints: true };
      const { findings } = await analyzeText(testCase.text, GRAMMARS[path.extname(file)], catalog, options);
      for (const f of findings) {
        seen.add(f.code);
        const where = `${path.relative(root, file)} (${testCase.name}): ${f.code}`;
        assert.equal(f.messages?.en, f.message, where);
        assert.match(f.messages?.['zh-cn'] ?? '', CHINESE, `${where} has no Chinese message`);
        for (const fix of f.fixes) assert.match(fix.titles?.['zh-cn'] ?? '', CHINESE, `${where}: fix "${fix.title}" has no Chinese title`);
        for (const related of f.related ?? []) assert.match(related.messages?.['zh-cn'] ?? '', CHINESE, `${where}: related "${related.message}"`);
      }
    }
  }
  assert.deepEqual(rules.map((r) => r.code).filter((code) => !seen.has(code)), [], 'rules no fixture exercises');
});

const WRONG = `from celery.signals import task_failure


@task_failure.connect
def on_failure(sender, task_id):
    print(task_id)
`;

test('the CLI speaks Chinese with --lang zh-cn or a Chinese locale, SARIF included', async () => {
  assert.equal(languageFromEnvironment({ LANG: 'zh_CN.UTF-8' }), 'zh-cn');
  assert.equal(languageFromEnvironment({ LANG: 'zh_CN.UTF-8', LC_ALL: 'en_US.UTF-8' }), 'en');
  assert.equal(languageFromEnvironment({}), 'en');
  const dir = project({ 'handlers.py': WRONG });
  const zh = await run(['check', '--lang', 'zh-cn', '.'], dir);
  assert.equal(zh.code, 1);
  assert.match(zh.stdout, /handlers\.py:5:5: error missing-var-kwargs task_failure\.connect 会因 `on_failure` 没有 \*\*kwargs 而抛出 ValueError/);
  assert.match(zh.stdout, /共 1 个问题（1 个错误），分布在 1 个文件中（检查了 1 个文件）。/);
  const byLocale = await run(['check', '.'], dir, { LANG: 'zh_CN.UTF-8' });
  assert.equal(byLocale.stdout, zh.stdout);
  const sarif = JSON.parse((await run(['check', '--lang=zh-cn', '--format', 'sarif', '.'], dir)).stdout);
  const result = sarif.runs[0].results[0];
  assert.match(result.message.text, CHINESE);
  assert.equal(result.fixes[0].description.text, '添加 **kw');
  const fixed = await run(['check', '--fix', '.'], dir, { LANG: 'zh_CN.UTF-8' });
  assert.match(fixed.stdout, /^handlers\.py：已修复 1 个问题（missing-var-kwargs）$/m);
  assert.match(fixed.stdout, /未发现问题（检查了 1 个文件）。/);
  assert.match((await run(['check', '--lang', 'fr', '.'], dir)).stderr, /--lang must be en or zh-cn/);
});

test('the server follows docsLanguage: diagnostics and quick-fix titles in Chinese', async () => {
  await withServer({ pullDiagnostics: false, settings: { docsLanguage: 'zh-cn' } }, async (client) => {
    const uri = 'file:///project/zh_handlers.py';
    client.open(uri, WRONG);
    const diagnostics = await client.nextDiagnostics(uri, 1);
    const missing = diagnostics.find((d) => d.code === 'missing-var-kwargs');
    assert.match(missing.message, /没有 \*\*kwargs/);
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: missing.range, context: { diagnostics: [missing] } });
    assert.ok(actions.some((a: { title: string }) => a.title === '添加 **kw'), JSON.stringify(actions.map((a: { title: string }) => a.title)));
    assert.ok(actions.every((a: { title: string }) => CHINESE.test(a.title)), 'every action title is Chinese');
  });
  await withServer({ pullDiagnostics: false, locale: 'zh-cn' }, async (client) => {
    const uri = 'file:///project/zh_locale.py';
    client.open(uri, WRONG);
    const diagnostics = await client.nextDiagnostics(uri, 1);
    assert.match(diagnostics.find((d) => d.code === 'missing-var-kwargs').message, /没有 \*\*kwargs/, 'auto follows the client locale');
  });
});
