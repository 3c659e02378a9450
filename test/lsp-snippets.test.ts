// Every generated handler snippet, expanded as an editor would, must be a handler our own checker
// finds nothing wrong with, in Python and in TypeScript, at the latest and at an older Celery.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../server/src/analysis/analyze';
import { snippetsFor } from '../server/src/analysis/snippets';
import { getBundledCatalog } from '../server/src/catalog/catalog';

const catalog = getBundledCatalog();

/** Replaces `${1:name}` by its default, drops bare tab stops, fills the body so it is valid code. */
function expand(body: string, language: 'python' | 'typescript'): string {
  return body
    .replace(/\$\{0:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$0/g, language === 'python' ? 'pass' : 'console.log(sender);');
}

for (const celeryVersion of [catalog.latestCeleryVersion, '4.4.0']) {
  for (const language of ['python', 'typescript'] as const) {
    test(`${language} snippets at Celery ${celeryVersion} are clean handlers`, async () => {
      const snippets = snippetsFor(catalog, language, celeryVersion);
      assert.equal(snippets.length, catalog.signals.length);
      for (const snippet of snippets) {
        const prelude = language === 'python' ? 'from celery import Celery\n\napp = Celery("proj")\n' : "import { Celery } from 'celery-signals';\n\nconst app = new Celery('proj');\n";
        const text = `${prelude}${expand(snippet.standaloneBody, language)}\n`;
        const { model, findings } = await analyzeText(text, language, catalog, { celeryVersion, includeHints: false });
        assert.equal(model.sites.length, 1, `${snippet.signal}: the snippet connects one handler\n${text}`);
        // Signals newer than the configured release are rightly flagged as such; nothing else may be.
        const unexpected = findings.filter((f) => f.code !== 'signal-too-new' && f.code !== 'deprecated-signal');
        assert.deepEqual(unexpected.map((f) => `${f.code}: ${f.message}`), [], `${snippet.signal}\n${text}`);
      }
    });
  }
}

test('task_prerun snippet names its catch-all **kw (the signal sends a keyword named kwargs)', () => {
  const prerun = snippetsFor(catalog, 'python').find((s) => s.signal === 'task_prerun')!;
  assert.match(prerun.body, /def \$\{1:on_task_prerun\}\(sender, task_id, task, args, kwargs, \*\*kw\):/);
  const retry = snippetsFor(catalog, 'python').find((s) => s.signal === 'task_retry')!;
  assert.match(retry.body, /reason=None, \*\*kwargs\):/, 'task_retry does not always send reason');
});
