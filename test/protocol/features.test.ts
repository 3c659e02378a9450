// Completion, hover and code actions over the real server, written against fixture text with a
// `$0` cursor marker; every edit the server proposes is applied to the text and the result checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedServer } from './lspClient';
import { applyEdits, positionAt, rangeOf } from './fixtureText';

const server = sharedServer({ pullDiagnostics: true });

function openFixture(marked: string, languageId = 'python') {
  return server.open(marked, languageId, languageId === 'python' ? 'py' : 'ts');
}

async function complete(marked: string, languageId = 'python') {
  const doc = openFixture(marked, languageId);
  const list = await server.client.request('textDocument/completion', { textDocument: { uri: doc.uri }, position: doc.position });
  return { ...doc, items: (list?.items ?? []) as any[] };
}

function accept(text: string, item: any): string {
  return applyEdits(text, [item.textEdit, ...(item.additionalTextEdits ?? [])]);
}

test('completion: signal names after @, with the import added', async () => {
  const { text, items } = await complete('import os\n\n@task_fa$0\ndef handler(sender, **kwargs):\n    pass\n');
  const item = items.find((i) => i.label === 'task_failure');
  assert.ok(item, `labels: ${items.map((i) => i.label).join(', ')}`);
  assert.equal(
    accept(text, item),
    'import os\nfrom celery.signals import task_failure\n\n@task_failure.connect\ndef handler(sender, **kwargs):\n    pass\n',
  );
  const deprecated = items.find((i) => i.label === 'task_sent');
  assert.deepEqual(deprecated?.tags, [1], 'task_sent is deprecated');
});

test('completion: the import merges into an existing from celery.signals import line', async () => {
  const { text, items } = await complete('from celery.signals import task_prerun\n\n@task_po$0\ndef handler(sender, **kwargs):\n    pass\n');
  const item = items.find((i) => i.label === 'task_postrun');
  assert.equal(accept(text, item).split('\n')[0], 'from celery.signals import task_prerun, task_postrun');
});

test('completion: names in from celery.signals import', async () => {
  const { items } = await complete('from celery.signals import task_failure, task_re$0\n');
  const labels = items.map((i) => i.label);
  assert.ok(labels.includes('task_retry') && labels.includes('task_revoked'));
  assert.ok(!labels.includes('task_failure'), 'already imported');
  assert.ok(!labels.includes('on_after_configure'), 'app signals are not importable');
});

test('completion: signals after a module binding and app signals after app.', async () => {
  const module = await complete('from celery import signals\n\n@signals.$0\n');
  assert.ok(module.items.some((i) => i.label === 'worker_ready'));
  const app = await complete('from celery import Celery\n\napp = Celery("proj")\n\n@app.$0\n');
  assert.deepEqual(app.items.map((i) => i.label).sort(), ['on_after_configure', 'on_after_finalize', 'on_after_fork', 'on_configure']);
});

test('completion: missing handler parameters, and one item inserting all of them with **kw', async () => {
  const marked = 'from celery.signals import task_prerun\n\n@task_prerun.connect\ndef before(sender, $0):\n    pass\n';
  const { text, items } = await complete(marked);
  const labels = items.map((i) => i.label);
  for (const name of ['task_id', 'task', 'args', 'kwargs']) assert.ok(labels.includes(name), `missing ${name} in ${labels.join(', ')}`);
  assert.ok(!labels.includes('sender'), 'already declared');
  const taskId = items.find((i) => i.label === 'task_id');
  assert.match(taskId.detail, /str/);
  const all = items.find((i) => /\*\*kw\b/.test(i.textEdit.newText));
  assert.ok(all, 'an item that inserts every parameter');
  assert.equal(accept(text, all).split('\n')[3], 'def before(sender, task_id, task, args, kwargs, **kw):');
});

test('completion: connect options and task senders', async () => {
  const options = await complete('from celery.signals import task_prerun\n\n@task_prerun.connect($0)\ndef before(sender, **kwargs):\n    pass\n');
  assert.deepEqual(options.items.map((i) => i.label), ['sender=', 'weak=', 'dispatch_uid=', 'retry=']);

  const tasks = await complete(
    'from celery import shared_task\nfrom celery.signals import task_prerun\n\n@shared_task\ndef add(x, y):\n    return x + y\n\n@task_prerun.connect(sender=$0)\ndef before(sender, **kwargs):\n    pass\n',
  );
  assert.deepEqual(tasks.items.map((i) => i.label), ['add']);

  const names = await complete(
    "from celery import shared_task\nfrom celery.signals import after_task_publish\n\n@shared_task(name='proj.add')\ndef add(x, y):\n    return x + y\n\n@after_task_publish.connect(sender=$0)\ndef published(sender, **kwargs):\n    pass\n",
  );
  assert.deepEqual(names.items.map((i) => i.label), ["'proj.add'"]);

  const none = await complete('from celery.signals import worker_process_init\n\n@worker_process_init.connect(sender=$0)\ndef init(**kwargs):\n    pass\n');
  assert.deepEqual(none.items, [], 'worker_process_init has no sender to filter on');
});

test('completion: per-signal snippets add the import', async () => {
  const { text, items } = await complete('import logging\n\ntask_failure$0\n');
  const snippet = items.find((i) => i.label === 'task_failure handler');
  assert.ok(snippet);
  assert.equal(snippet.insertTextFormat, 2);
  assert.match(snippet.textEdit.newText, /^@task_failure\.connect\ndef \$\{1:on_task_failure\}\(sender, task_id, exception, args, kwargs, traceback, einfo, \*\*kw\):/);
  assert.match(accept(text, snippet), /^import logging\nfrom celery\.signals import task_failure\n/);
});

test('hover: signal name, parameter, unknown parameter and sender=', async () => {
  const doc = openFixture('from celery.signals import task_prerun\n\n@task_prerun.connect(sender=None)\ndef before(sender, task_id, bogus=None, **kwargs):\n    pass$0\n');
  const hover = (needle: string, occurrence = 1) =>
    server.client.request('textDocument/hover', { textDocument: { uri: doc.uri }, position: rangeOf(doc.text, needle, occurrence).start });
  const signal = await hover('task_prerun', 2);
  assert.equal(signal.contents.kind, 'markdown');
  assert.match(signal.contents.value, /\*\*task_prerun\*\*/);
  assert.match(signal.contents.value, /\| `task_id` \|/);
  assert.deepEqual(signal.range, rangeOf(doc.text, 'task_prerun', 2));
  assert.match((await hover('task_id')).contents.value, /\*\*task_id\*\*: `str`/);
  assert.match((await hover('bogus')).contents.value, /never sends/);
  assert.match((await hover('sender=')).contents.value, /sender=/);
  assert.equal(await server.client.request('textDocument/hover', { textDocument: { uri: doc.uri }, position: positionAt(doc.text, doc.text.length) }), null);
});

test('code actions: the quick-fix bound to a diagnostic repairs the handler', async () => {
  const doc = openFixture('from celery.signals import task_failure\n\n@task_failure.connect\ndef on_failure(sender, task_id$0):\n    pass\n');
  const diagnostics = await server.client.pullDiagnostics(doc.uri);
  const missing = diagnostics.find((d) => d.code === 'missing-var-kwargs');
  assert.ok(missing, JSON.stringify(diagnostics));
  const actions = await server.client.request('textDocument/codeAction', {
    textDocument: { uri: doc.uri },
    range: missing.range,
    context: { diagnostics: [missing], only: ['quickfix'] },
  });
  const fix = actions.find((a: any) => a.diagnostics?.some((d: any) => d.code === 'missing-var-kwargs'));
  assert.ok(fix, JSON.stringify(actions));
  const fixed = applyEdits(doc.text, fix.edit.changes[doc.uri]);
  assert.match(fixed, /def on_failure\(sender, task_id, \*\*kw(args)?\):/);

  const uri = `${doc.uri}.fixed.py`;
  server.client.open(uri, fixed);
  assert.ok(!(await server.client.pullDiagnostics(uri)).some((d) => d.code === 'missing-var-kwargs'));
});

test('code actions: refactors on a connected handler', async () => {
  const doc = openFixture('from celery.signals import task_success\n\n@task_success.connect\ndef done(sender$0, **kwargs):\n    pass\n');
  const actions = await server.client.request('textDocument/codeAction', {
    textDocument: { uri: doc.uri },
    range: { start: doc.position, end: doc.position },
    context: { diagnostics: [], only: ['refactor'] },
  });
  const titles = actions.map((a: any) => a.title);
  const addAll = actions.find((a: any) => a.title === 'Add all parameters of task_success');
  assert.ok(addAll, titles.join(', '));
  assert.match(applyEdits(doc.text, addAll.edit.changes[doc.uri]), /def done\(sender, result, \*\*kwargs\):/);
  const keywordOnly = actions.find((a: any) => a.title === 'Convert to keyword-only signature');
  assert.match(applyEdits(doc.text, keywordOnly.edit.changes[doc.uri]), /def done\(\*, sender, \*\*kwargs\):/);
});

test('code actions: a refactor that a quick-fix already offers is listed once', async () => {
  const doc = openFixture('from celery.signals import task_success\n\n@task_success.connect\ndef do$0ne(sender, **kwargs):\n    pass\n');
  const actions = await server.client.request('textDocument/codeAction', {
    textDocument: { uri: doc.uri },
    range: { start: doc.position, end: doc.position },
    context: { diagnostics: [] },
  });
  const titles: string[] = actions.map((a: any) => a.title);
  assert.equal(titles.filter((t) => t === 'Add all parameters of task_success').length, 1, titles.join(', '));
  assert.ok(titles.includes('Convert to keyword-only signature'), titles.join(', '));
});
