// Half-typed and hostile input: analysis must never throw, and every finding must stay inside the
// text with fixes whose edits do too. Each fixture case is cut at many points, as an editor sees it
// while someone types.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyzeText } from '../server/src/analysis/analyze';
import type { Finding } from '../server/src/analysis/diagnostics';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import { grammarFor } from '../server/src/parsing/treeSitter';
import { commentTokenFor, parseFixture } from './support/fixtures';

const catalog = getBundledCatalog();

function assertWellFormed(text: string, findings: Finding[], label: string): void {
  for (const f of findings) {
    assert.notEqual(f.code, 'internal-error', `${label}: ${f.message}`);
    assert.ok(0 <= f.span.start && f.span.start <= f.span.end && f.span.end <= text.length, `${label}: ${f.code} span out of the text`);
    for (const fix of f.fixes) {
      for (const e of fix.edits) assert.ok(0 <= e.span.start && e.span.start <= e.span.end && e.span.end <= text.length, `${label}: ${f.code} fix edit out of the text`);
    }
  }
}

test('every prefix of the fixtures analyses cleanly', async () => {
  const dir = path.join(__dirname, 'fixtures');
  const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(py|ts|tsx|js)$/.test(f));
  let analysed = 0;
  for (const file of files) {
    const grammar = grammarFor(file)!;
    for (const c of parseFixture(fs.readFileSync(path.join(dir, file), 'utf8'), commentTokenFor(file))) {
      const step = Math.max(1, Math.floor(c.text.length / 25));
      for (let cut = 0; cut <= c.text.length; cut += step) {
        const text = c.text.slice(0, cut);
        const { findings } = await analyzeText(text, grammar, catalog);
        assertWellFormed(text, findings, `${file} "${c.name}" cut at ${cut}`);
        analysed++;
      }
    }
  }
  assert.ok(analysed > 500, `only ${analysed} texts analysed`);
});

test('odd texts: empty, lone tokens, control characters, surrogates, deep nesting', async () => {
  const texts = [
    '',
    '@',
    '@task_failure.connect(',
    'from celery.signals import',
    'from celery.signals import task_failure\n@task_failure.connect\ndef h(',
    'from celery.signals import task_failure\n@task_failure.connect\nasync def h(*, **kw): yield',
    '\u0000\u0001\u0002',
    'x = "\ud800"\n',
    'from celery.signals import task_failure\n' + '('.repeat(3000),
    'from celery.signals import task_failure\n' + 'if x:\n'.repeat(200) + ' '.repeat(200) + '@task_failure.connect\n',
    'def h(sender, /, *, **kwargs):\n    pass\ntask_failure.connect(h, sender=b"x", weak=None, retry=1)\n',
  ];
  for (const text of texts) {
    const { findings } = await analyzeText(text, 'python', catalog);
    assertWellFormed(text, findings, JSON.stringify(text.slice(0, 60)));
  }
});
