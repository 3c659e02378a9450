import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import { extractTypeScript } from '../server/src/analysis/frontends/typescript';
import type { FileModel, Handler, HandlerSite, Span } from '../server/src/analysis/model';
import { parseText, type Grammar } from '../server/src/parsing/treeSitter';

async function extract(text: string, grammar: Grammar = 'typescript'): Promise<FileModel> {
  const tree = await parseText(grammar, text);
  try {
    return extractTypeScript(tree, text, getBundledCatalog());
  } finally {
    tree.delete();
  }
}

function slice(text: string, span: Span | undefined): string | undefined {
  return span && text.slice(span.start, span.end);
}

function onlySite(model: FileModel): HandlerSite {
  assert.equal(model.sites.length, 1, `expected one site, got ${model.sites.length}`);
  return model.sites[0];
}

function handlerOf(site: HandlerSite): Handler {
  assert.ok(site.handler, 'the receiver should resolve to a handler');
  return site.handler;
}

function paramSummary(handler: Handler): string[] {
  return handler.params.map((p) => `${p.name}:${p.kind}${p.hasDefault ? '=' : ''}`);
}

test('object-form arrow handler with options, connected by call', async () => {
  const text = [
    "import { task_failure } from 'celery-signals';",
    "import { app } from './app';",
    "export const sendEmail = app.task(async (to: string) => {}, { name: 'mail.send' });",
    'task_failure.connect(',
    '  ({ sender, exception: exc, einfo = null, ...rest }: TaskFailureArgs) => console.log(exc, rest),',
    "  { sender: sendEmail, weak: false, dispatch_uid: 'mail-failures', retry: undefined, other: 1 + 1 },",
    ');',
  ].join('\n');
  const model = await extract(text);
  const site = onlySite(model);
  assert.equal(model.language, 'typescript');
  assert.deepEqual(
    { name: site.connection.signal.name, resolution: site.connection.signal.resolution, source: site.connection.signal.source, style: site.connection.style },
    { name: 'task_failure', resolution: 'catalog', source: 'celery-signals', style: 'call' },
  );
  assert.deepEqual(
    site.connection.arguments.map((a) => [a.keyword, a.value, slice(text, a.keywordSpan)]),
    [
      ['sender', { kind: 'name', name: 'sendEmail', refersTo: 'task' }, 'sender'],
      ['weak', { kind: 'bool', value: false }, 'weak'],
      ['dispatch_uid', { kind: 'string', value: 'mail-failures' }, 'dispatch_uid'],
      ['retry', { kind: 'none' }, 'retry'],
      ['other', { kind: 'other', text: '1 + 1' }, 'other'],
    ],
  );
  const handler = handlerOf(site);
  assert.equal(handler.kind, 'arrow');
  assert.equal(handler.paramStyle, 'object');
  assert.equal(handler.definedIn, 'module');
  assert.equal(handler.isAsync, false);
  assert.equal(slice(text, handler.paramsSpan), '{ sender, exception: exc, einfo = null, ...rest }');
  assert.deepEqual(paramSummary(handler), ['sender:object-property', 'exception:object-property', 'einfo:object-property=', 'rest:object-rest']);
  assert.deepEqual(handler.params.map((p) => slice(text, p.nameSpan)), ['sender', 'exception', 'einfo', 'rest']);
  assert.equal(slice(text, handler.params[1].span), 'exception: exc');
  assert.deepEqual(handler.freeReads.map((r) => [r.name, r.boundOutside]), [['console', true]]);
  assert.deepEqual(handler.paramReads?.map((r) => [r.name, slice(text, r.span)]), [['exc', 'exc'], ['rest', 'rest']], 'reads name the local variable');
  assert.deepEqual(model.tasks.map((t) => [t.localName, t.registeredName]), [['sendEmail', 'mail.send']]);
});

test('aliases, namespaces and require() all resolve to catalog signals', async () => {
  const text = [
    "import { task_success as succeeded } from '@proj/celery';",
    "import * as signals from './celery';",
    "const { task_prerun, task_retry: retried } = require('celery-signals');",
    "const more = require('celery-signals');",
    'succeeded.connect(function onSuccess({ result }) {});',
    'signals.task_failure.connect((kw) => kw.exception);',
    'task_prerun.connect(({ task_id }) => {});',
    'retried.connect(({ reason = null }) => {});',
    'more.worker_ready.connect(() => {});',
  ].join('\n');
  const model = await extract(text);
  assert.deepEqual(
    model.sites.map((s) => [s.connection.signal.name, s.connection.signal.source, slice(text, s.connection.signal.nameSpan), slice(text, s.connection.signal.expressionSpan)]),
    [
      ['task_success', '@proj/celery', 'succeeded', 'succeeded'],
      ['task_failure', './celery', 'task_failure', 'signals.task_failure'],
      ['task_prerun', 'celery-signals', 'task_prerun', 'task_prerun'],
      ['task_retry', 'celery-signals', 'retried', 'retried'],
      ['worker_ready', 'celery-signals', 'worker_ready', 'more.worker_ready'],
    ],
  );
  const [success, failure] = model.sites.map(handlerOf);
  assert.equal(success.kind, 'function-expression');
  assert.equal(success.name, 'onSuccess');
  assert.deepEqual(paramSummary(failure), ['kw:object-rest'], 'one plain parameter takes the whole keyword object');
  assert.equal(failure.paramStyle, 'object');
  assert.deepEqual(
    model.imports.map((i) => [i.localName, i.target, i.kind]),
    [
      ['succeeded', '@proj/celery.task_success', 'signal'],
      ['task_prerun', 'celery-signals.task_prerun', 'signal'],
      ['retried', 'celery-signals.task_retry', 'signal'],
      ['signals', './celery', 'module'],
      ['more', 'celery-signals', 'module'],
    ],
  );
  assert.deepEqual(
    model.imports.map((i) => slice(text, i.nameSpan)),
    ['succeeded', 'task_prerun', 'retried', 'signals', 'more'],
  );
  assert.equal(slice(text, model.imports[0].span), "import { task_success as succeeded } from '@proj/celery';");
});

test('a name from a signal module that the catalog lacks is an unknown signal; other modules are ignored', async () => {
  const text = [
    "import { task_failure, task_posturn, Celery } from 'celery-signals';",
    "import { order_placed } from './events';",
    "import * as bus from './bus';",
    'task_posturn.connect(({ retval }) => {});',
    'Celery.connect(() => {});',
    'order_placed.connect(({ order }) => {});',
    'bus.task_failure_hook.connect(() => {});',
  ].join('\n');
  const model = await extract(text);
  assert.deepEqual(
    model.sites.map((s) => [s.connection.signal.name, s.connection.signal.resolution]),
    [['task_posturn', 'unknown']],
  );
  assert.deepEqual(model.signalRefs.map((r) => [r.name, r.resolution]), [['task_posturn', 'unknown']]);
});

test('a namespace counts as a signal module only when it is used with a catalog signal name', async () => {
  const used = await extract("import * as s from 'x';\ns.task_failure.connect(() => {});\ns.task_fialure.connect(() => {});\n");
  assert.deepEqual(used.sites.map((s) => [s.connection.signal.name, s.connection.signal.resolution]), [['task_failure', 'catalog'], ['task_fialure', 'unknown']]);
  const unused = await extract("import * as s from 'x';\ns.task_fialure.connect(() => {});\n");
  assert.deepEqual(unused.sites, []);
  const canonical = await extract("import * as s from 'celery-signals';\ns.task_fialure.connect(() => {});\n");
  assert.deepEqual(canonical.sites.map((s) => [s.connection.signal.name, s.connection.signal.resolution]), [['task_fialure', 'unknown']], 'celery-signals always counts');
});

test('local bindings shadow the imported signal', async () => {
  const text = [
    "import { task_failure } from 'celery-signals';",
    'function wire(task_failure: Emitter) {',
    '  task_failure.connect(() => {});',
    '}',
    'function other() {',
    '  const task_failure = new Emitter();',
    '  task_failure.connect(() => {});',
    '  { task_failure.connect(() => {}); }',
    '}',
    'task_failure.connect(({ sender }) => {});',
  ].join('\n');
  const model = await extract(text);
  assert.equal(onlySite(model).connection.signal.nameSpan.start, text.lastIndexOf('task_failure.connect'));
});

test('method decorators, bare and with options, in TypeScript and JavaScript', async () => {
  for (const grammar of ['typescript', 'javascript'] as const) {
    const text = [
      "import { task_failure, before_task_publish } from 'celery-signals';",
      'class Alerts {',
      '  @task_failure.connect',
      '  static async onFailure({ task_id, exception }) { return task_id; }',
      "  @before_task_publish.connect({ sender: 'proj.tasks.add', dispatch_uid: 'pub' })",
      '  onPublish({ headers, body }) {}',
      '  @task_failure.connect(reportTask)',
      '  wrong({ task_id }) {}',
      '}',
    ].join('\n');
    const model = await extract(text, grammar);
    assert.equal(model.language, grammar);
    assert.deepEqual(model.sites.map((s) => s.connection.style), ['decorator', 'decorator-call', 'decorator-call'], grammar);
    const [bare, withOptions, positional] = model.sites;
    assert.equal(slice(text, bare.connection.span), 'task_failure.connect');
    const handler = handlerOf(bare);
    assert.deepEqual([handler.name, handler.kind, handler.isAsync, handler.definedIn], ['onFailure', 'method', true, 'class'], grammar);
    assert.deepEqual(handler.freeReads, [], `${grammar}: the decorator is not part of the body`);
    assert.deepEqual(
      withOptions.connection.arguments.map((a) => [a.keyword, a.value]),
      [['sender', { kind: 'string', value: 'proj.tasks.add' }], ['dispatch_uid', { kind: 'string', value: 'pub' }]],
    );
    assert.equal(slice(text, withOptions.connection.argumentsSpan), "({ sender: 'proj.tasks.add', dispatch_uid: 'pub' })");
    assert.equal(handlerOf(withOptions).name, 'onPublish');
    assert.equal(slice(text, positional.connection.positionalReceiver?.valueSpan), 'reportTask');
    assert.equal(positional.handler, undefined, 'a positional receiver replaces the decorated method');
  }
});

test('receivers passed by reference are found in the file', async () => {
  const text = [
    "import { task_failure, task_success, worker_ready } from 'celery-signals';",
    'function onFailure({ exception }) {}',
    'const onSuccess = async ({ result }) => {};',
    'class Hooks {',
    '  static ready({ sender }) {}',
    '  wire() { worker_ready.connect(this.onReady); }',
    '  onReady = ({ sender }) => {};',
    '}',
    'task_failure.connect(onFailure);',
    'task_success.connect(onSuccess);',
    'worker_ready.connect(Hooks.ready);',
    'worker_ready.connect(makeHandler());',
  ].join('\n');
  const model = await extract(text);
  assert.deepEqual(
    model.sites.map((s) => [slice(text, s.receiverSpan), s.handler?.name, s.handler?.kind, s.handler?.isAsync, s.handler?.definedIn]),
    [
      ['this.onReady', 'onReady', 'arrow', false, 'class'],
      ['onFailure', 'onFailure', 'function', false, 'module'],
      ['onSuccess', 'onSuccess', 'arrow', true, 'module'],
      ['Hooks.ready', 'ready', 'method', false, 'class'],
      ['makeHandler()', undefined, undefined, undefined, undefined],
    ],
  );
  assert.deepEqual(model.sites.map((s) => s.receiverKind), ['attribute', 'reference', 'reference', 'attribute', 'call']);
});

test('receiver kinds and options written by position', async () => {
  const text = [
    "import { task_failure } from 'celery-signals';",
    'task_failure.connect(() => {}, addTask, false);',
    'task_failure.connect(handler.bind(null), undefined, true, "uid");',
    'task_failure.connect(class Receiver {});',
  ].join('\n');
  const model = await extract(text);
  assert.deepEqual(model.sites.map((s) => s.receiverKind), ['lambda', 'partial', 'class']);
  assert.deepEqual(
    model.sites[1].connection.arguments.map((a) => [a.keyword, a.positional, a.value.kind]),
    [['sender', true, 'none'], ['weak', true, 'bool'], ['dispatch_uid', true, 'string']],
  );
  assert.deepEqual(model.sites[0].connection.arguments.map((a) => [a.keyword, slice(text, a.valueSpan)]), [['sender', 'addTask'], ['weak', 'false']]);
});

test('handlers defined inside functions, and plain parameters read by name', async () => {
  const text = [
    "import { task_postrun } from 'celery-signals';",
    'export function install(log: Logger) {',
    '  task_postrun.connect((sender, task_id, state = "?", ...others) => log.info(task_id, state));',
    '}',
  ].join('\n');
  const handler = handlerOf(onlySite(await extract(text)));
  assert.equal(handler.definedIn, 'function');
  assert.equal(handler.paramStyle, 'keywords');
  assert.equal(slice(text, handler.paramsSpan), '(sender, task_id, state = "?", ...others)');
  assert.deepEqual(paramSummary(handler), ['sender:positional', 'task_id:positional', 'state:positional=', 'others:var-positional']);
  assert.deepEqual(handler.freeReads.map((r) => [r.name, r.boundOutside]), [['log', true]]);
  assert.deepEqual(handler.paramReads?.map((r) => r.name), ['task_id', 'state']);
});

test('free reads: what the body reads without binding, and whether anything outside binds it', async () => {
  const text = [
    "import { task_failure } from 'celery-signals';",
    'const threshold = 3;',
    'task_failure.connect(({ task_id }) => {',
    '  const started = Date.now();',
    '  for (const line of String(traceback).split("\\n")) console.log(line, task_id);',
    '  try { send({ exception, threshold }); } catch (err) { process.stderr.write(String(err)); }',
    '  const nested = () => einfo;',
    '  label: for (;;) { break label; }',
    '  counter = started;',
    '});',
  ].join('\n');
  const handler = handlerOf(onlySite(await extract(text)));
  assert.deepEqual(
    handler.freeReads.map((r) => `${r.name}${r.boundOutside ? '' : '!'}`),
    ['Date', 'String', 'traceback!', 'console', 'send!', 'exception!', 'threshold', 'process', 'String', 'einfo!'],
  );
  const exception = handler.freeReads.find((r) => r.name === 'exception')!;
  const hoisted = await extract("import { task_failure } from 'celery-signals';\nfunction h({ sender }) {\n  if (sender) { var einfo = 1; }\n  return einfo + traceback;\n}\ntask_failure.connect(h);\n");
  assert.deepEqual(handlerOf(onlySite(hoisted)).freeReads.map((r) => r.name), ['traceback'], 'var is function-scoped');
  const typed = await extract("import { task_failure } from 'celery-signals';\nfunction h({ sender }: { sender: typeof einfo }): asserts sender is Map<typeof exception, 1> {\n  const x: typeof traceback = sender as unknown as typeof args;\n}\ntask_failure.connect(h);\n");
  assert.deepEqual(handlerOf(onlySite(typed)).freeReads.map((r) => r.name), [], 'types are erased: `typeof x` in a type reads nothing');
  assert.equal(slice(text, exception.span), 'exception');
});

test('app signals are reached through a Celery app object', async () => {
  const text = [
    "import { Celery } from 'celery-node';",
    "const worker = new Celery('proj');",
    'worker.on_after_configure.connect(({ source }) => {});',
    'app.on_after_finalize.connect(() => {});',
    'emitter.on_configure.connect(() => {});',
  ].join('\n');
  const model = await extract(text);
  assert.deepEqual(
    model.sites.map((s) => [s.connection.signal.name, s.connection.signal.source]),
    [['app.on_after_configure', 'worker'], ['app.on_after_finalize', 'app']],
  );
});

test('signal references include uses that are not connections; comments and strings are not references', async () => {
  const text = [
    "import { task_failure } from 'celery-signals';",
    '// task_failure.connect(old) is gone',
    "const label = 'task_failure.connect';",
    'task_failure.send({ sender: null });',
    'task_failure.connect(({ sender }) => {});',
  ].join('\n');
  const model = await extract(text);
  assert.equal(model.sites.length, 1);
  assert.deepEqual(model.signalRefs.map((r) => text.slice(0, r.nameSpan.start).split('\n').length), [4, 5]);
});

test('tasks: app.task, factory functions, registered names', async () => {
  const text = [
    "const add = app.task('proj.tasks.add', (x: number, y: number) => x + y);",
    'export const mul = createTask(function mul() {});',
    "let report = sharedTask({ name: 'reports.build' }, () => {});",
    'const notATask = compute();',
  ].join('\n');
  const model = await extract(text);
  assert.deepEqual(model.tasks.map((t) => [t.localName, t.registeredName]), [['add', 'proj.tasks.add'], ['mul', undefined], ['report', 'reports.build']]);
});

test('offsets are UTF-16 string indices and syntax errors are reported', async () => {
  const text = "import { task_failure } from 'celery-signals';\nconst note = 'héllo 😀';\ntask_failure.connect(({ sender }) => {});\nconst broken = (;\n";
  const model = await extract(text, 'tsx');
  const handler = handlerOf(onlySite(model));
  assert.equal(slice(text, handler.paramsSpan), '{ sender }');
  assert.ok(model.syntaxProblems.length > 0);
  assert.ok(model.syntaxProblems.every((p) => p.span.start >= text.indexOf('const broken')));
});

test('within: only connects and references starting in the given spans', async () => {
  const text = [
    "import { task_failure, task_success } from 'celery-signals';",
    'function a({ exception }) {}',
    'function b({ result }) {}',
    'task_failure.connect(a);',
    'task_success.connect(b);',
  ].join('\n');
  const tree = await parseText('typescript', text);
  try {
    const start = text.indexOf('task_success.connect');
    const model = extractTypeScript(tree, text, getBundledCatalog(), { within: [{ start, end: start + 30 }] });
    assert.deepEqual(model.sites.map((s) => s.connection.signal.name), ['task_success']);
    assert.deepEqual(model.signalRefs.map((r) => r.name), ['task_success']);
    assert.equal(model.imports.length, 2, 'imports are always reported for the whole file');
  } finally {
    tree.delete();
  }
});

test('import = require(), optional chaining and decorated function-valued fields', async () => {
  for (const grammar of ['typescript', 'javascript'] as const) {
    const text = [
      grammar === 'typescript' ? "import signals = require('celery-signals');" : "const signals = require('celery-signals');",
      'signals?.task_failure?.connect(onFailure, { weak: false });',
      'function onFailure({ exception }) {}',
      'class Hooks {',
      '  @signals.task_success.connect',
      '  onDone = ({ result }) => console.log(result);',
      '}',
    ].join('\n');
    const model = await extract(text, grammar);
    assert.deepEqual(model.sites.map((s) => [s.connection.signal.name, s.connection.style, s.handler?.name, s.handler?.definedIn]), [
      ['task_failure', 'call', 'onFailure', 'module'],
      ['task_success', 'decorator', 'onDone', 'class'],
    ], grammar);
    assert.deepEqual(model.imports.map((i) => [i.localName, i.kind, slice(text, i.nameSpan)]), [['signals', 'module', 'signals']], grammar);
  }
});
