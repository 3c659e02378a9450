// The Insert-handler command's plan (computed by the server): the import merged into an existing one,
// the handler between top-level statements, laid out as black/ruff would, in the file's line endings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../server/src/analysis/analyze';
import { planHandlerInsertion } from '../server/src/analysis/handlerInsertion';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import type { Grammar } from '../server/src/parsing/treeSitter';

const catalog = getBundledCatalog();

/** The text after the command, with every snippet placeholder taking its default. */
async function insert(text: string, signalName: string, cursor: string | number, grammar: Grammar = 'python'): Promise<string> {
  const { model } = await analyzeText(text, grammar, catalog);
  const offset = typeof cursor === 'number' ? cursor : text.indexOf(cursor);
  assert.ok(offset >= 0, `cursor ${cursor}`);
  const plan = planHandlerInsertion({ text, model, catalog, signal: catalog.get(signalName)!, offset });
  let after = text;
  for (const edit of [...plan.importEdits].sort((a, b) => b.span.start - a.span.start)) after = after.slice(0, edit.span.start) + edit.newText + after.slice(edit.span.end);
  const expanded = plan.snippet.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d/g, '');
  return after.slice(0, plan.span.start) + expanded + after.slice(plan.span.end);
}

const HEADER = 'from celery.signals import task_failure\n\n\n@task_failure.connect\ndef on_failure(sender, task_id, exception, **kwargs):\n    print(task_id)\n';

test('merges into the existing import and leaves two blank lines around the new def', async () => {
  const after = await insert(HEADER, 'task_success', HEADER.length);
  assert.equal(
    after,
    'from celery.signals import task_failure, task_success\n\n\n@task_failure.connect\ndef on_failure(sender, task_id, exception, **kwargs):\n    print(task_id)\n\n\n' +
      '@task_success.connect\ndef on_task_success(sender, result, **kwargs):\n    pass\n',
  );
  const { findings } = await analyzeText(after, 'python', catalog, { celeryVersion: catalog.latestCeleryVersion, includeHints: false });
  assert.deepEqual(findings, []);
});

test('a cursor inside a function puts the handler below that function, not inside it', async () => {
  const text = HEADER + '\n\napp_name = "proj"\n';
  const after = await insert(text, 'task_success', 'print(task_id)');
  assert.match(after, /print\(task_id\)\n\n\n@task_success\.connect\ndef on_task_success\(sender, result, \*\*kwargs\):\n    pass\n\n\napp_name = "proj"\n$/);
});

test('a cursor on a decorator keeps the decorator with its def', async () => {
  const after = await insert(HEADER, 'task_success', '@task_failure');
  assert.match(after, /@task_failure\.connect\ndef on_failure/);
  assert.match(after, /print\(task_id\)\n\n\n@task_success\.connect/);
});

test('an empty file gets the import, two blank lines, then the handler', async () => {
  assert.equal(await insert('', 'worker_ready', 0), 'from celery.signals import worker_ready\n\n\n@worker_ready.connect\ndef on_worker_ready(sender, **kwargs):\n    pass\n');
});

test('after other imports: the new import joins them, the handler comes two blank lines below', async () => {
  assert.equal(await insert('import logging\n', 'worker_ready', 15), 'import logging\nfrom celery.signals import worker_ready\n\n\n@worker_ready.connect\ndef on_worker_ready(sender, **kwargs):\n    pass\n');
});

test('an aliased import is reused under its alias; a star import needs no import', async () => {
  const aliased = await insert('from celery.signals import task_success as done\n', 'task_success', 0);
  assert.match(aliased, /^from celery\.signals import task_success as done\n\n\n@done\.connect\n/);
  const star = await insert('from celery.signals import *\n', 'task_success', 0);
  assert.match(star, /^from celery\.signals import \*\n\n\n@task_success\.connect\n/);
});

test('CRLF files get CRLF everywhere', async () => {
  const after = await insert(HEADER.replace(/\n/g, '\r\n'), 'task_success', HEADER.length + 6);
  assert.doesNotMatch(after, /[^\r]\n/);
  assert.match(after, /task_failure, task_success\r\n/);
  assert.match(after, /print\(task_id\)\r\n\r\n\r\n@task_success\.connect\r\n/);
});

test('TypeScript: merged into the named import, one blank line around the connect', async () => {
  const text = "import { task_failure } from 'celery-signals';\n\ntask_failure.connect(({ sender }) => {}, { weak: false });\n";
  const after = await insert(text, 'task_success', text.length, 'typescript');
  assert.ok(after.startsWith("import { task_failure, task_success } from 'celery-signals';\n\ntask_failure.connect"), after);
  assert.match(after, /\{ weak: false \}\);\n\ntask_success\.connect\(\(\{ sender, result \}\) => \{\n\t\n\}, \{ weak: false \}\);\n$/);
});
