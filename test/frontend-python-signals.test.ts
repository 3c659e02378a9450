import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bundledCatalogFile, Catalog } from '../server/src/catalog/catalog';
import type { CatalogFile } from '../server/src/catalog/types';
import { extract, handlerOf, slice, spanOf, sitesBySignal } from './frontend-python-support';

const handler = (signal: string) => [`@${signal}.connect`, `def on_${signal.replace(/\W/g, '_')}(sender=None, **kwargs):`, '    pass', ''];

test('signals resolve through every import form', async () => {
  const text = [
    'import celery.signals',
    'import celery.signals as cs',
    'from celery import signals',
    'from celery.signals import task_failure as tf, task_posturn',
    'from celery.contrib.testing.worker import test_worker_started',
    'from celery.contrib.testing import worker',
    '',
    ...handler('tf'),
    ...handler('celery.signals.task_success'),
    ...handler('cs.task_retry'),
    ...handler('signals.worker_ready'),
    ...handler('signals.worker_redy'),
    ...handler('task_posturn'),
    ...handler('test_worker_started'),
    ...handler('worker.test_worker_stopped'),
  ].join('\n');
  const model = await extract(text);
  assert.deepEqual(sitesBySignal(model), [
    'task_failure/catalog',
    'task_success/catalog',
    'task_retry/catalog',
    'worker_ready/catalog',
    'worker_redy/unknown',
    'task_posturn/unknown',
    'test_worker_started/catalog',
    'test_worker_stopped/catalog',
  ]);
  assert.equal(model.sites[6].connection.signal.source, 'celery.contrib.testing.worker');
  assert.equal(slice(text, model.sites[1].connection.signal.expressionSpan), 'celery.signals.task_success');
  assert.equal(slice(text, model.sites[4].connection.signal.nameSpan), 'worker_redy');
  assert.deepEqual(
    model.imports.map((i) => [i.localName, i.target, i.kind, slice(text, i.nameSpan)]),
    [
      ['celery.signals', 'celery.signals', 'module', 'celery.signals'],
      ['cs', 'celery.signals', 'module', 'cs'],
      ['signals', 'celery.signals', 'module', 'signals'],
      ['tf', 'celery.signals.task_failure', 'signal', 'tf'],
      ['task_posturn', 'celery.signals.task_posturn', 'signal', 'task_posturn'],
      ['test_worker_started', 'celery.contrib.testing.worker.test_worker_started', 'signal', 'test_worker_started'],
      ['worker', 'celery.contrib.testing.worker', 'module', 'worker'],
    ],
  );
  assert.equal(slice(text, model.imports[3].span), 'from celery.signals import task_failure as tf, task_posturn');
});

test('star imports bring in only the signals celery.signals exports', async () => {
  const text = ['from celery.signals import *', '', ...handler('task_failure'), ...handler('import_modules'), ...handler('task_sent')].join('\n');
  const model = await extract(text);
  assert.deepEqual(sitesBySignal(model), ['task_failure/catalog']);
  assert.ok(model.imports.some((i) => i.localName === 'worker_ready' && i.kind === 'signal'));
  assert.ok(!model.imports.some((i) => i.localName === 'import_modules'));
});

test('names that are not Celery signals are not sites', async () => {
  const text = [
    'from django.db.models.signals import post_save',
    'from .signals import task_failure',
    'from . import signals',
    'from celery.signals import Signal',
    '',
    ...handler('post_save'),
    ...handler('task_failure'),
    ...handler('signals.task_success'),
    ...handler('task_prerun'),
    'custom = Signal()',
    ...handler('custom'),
  ].join('\n');
  const model = await extract(text);
  assert.deepEqual(model.sites, []);
  assert.deepEqual(model.signalRefs, []);
});

test('app signals through any app-like expression, but not through names bound to non-apps', async () => {
  const text = [
    'from celery import Celery',
    'import os',
    '',
    "app = Celery('proj')",
    "name = 'proj'",
    '',
    '@app.on_after_configure.connect',
    'def setup_periodic_tasks(sender, **kwargs):',
    '    pass',
    '',
    'class Service:',
    '    def __init__(self, celery_app):',
    '        self.app = celery_app',
    '        self.app.on_after_finalize.connect(self.ready)',
    '        celery_app.on_after_fork.connect(self.ready)',
    '',
    '    def ready(self, sender=None, **kwargs):',
    '        pass',
    '',
    'name.on_after_configure.connect(setup_periodic_tasks)',
    'os.on_after_configure.connect(setup_periodic_tasks)',
    'Celery.on_after_configure.connect(setup_periodic_tasks)',
    'app.on_after_configur.connect(setup_periodic_tasks)',
    'app.conf.connect(setup_periodic_tasks)',
    'celery_app.on_after_start.connect(setup_periodic_tasks)',
  ].join('\n');
  const model = await extract(text);
  assert.deepEqual(sitesBySignal(model), [
    'app.on_after_configure/catalog',
    'app.on_after_finalize/catalog',
    'app.on_after_fork/catalog',
    'on_after_configur/unknown',
  ]);
  assert.deepEqual(model.sites.map((s) => s.connection.signal.source), ['app', 'self.app', 'celery_app', 'app']);
  assert.equal(slice(text, model.sites[0].connection.signal.nameSpan), 'on_after_configure');
  assert.equal(handlerOf(model.sites[1]).implicitFirstParam, 'self');
});

test('local rebinding shadows the import, following Python scopes', async () => {
  const text = [
    'from celery.signals import task_failure, task_success, worker_ready',
    'from celery.utils.dispatch import Signal',
    '',
    ...handler('task_failure'), // before the rebinding: Celery's
    'task_failure = Signal()',
    ...handler('task_failure'), // after: the local one
    '',
    'def uses_parameter(worker_ready):',
    '    worker_ready.connect(handler_a)',
    '',
    'def uses_local():',
    '    task_success = Signal()',
    '    task_success.connect(handler_a)',
    '',
    'def uses_module():',
    '    task_success.connect(handler_a)',
    '    worker_ready.connect(handler_a)',
    '',
    'def task_success_wrapper():',
    '    def worker_ready(): pass',
    '    worker_ready.connect(handler_a)',
    '',
    'def handler_a(**kw): pass',
  ].join('\n');
  const model = await extract(text);
  assert.deepEqual(sitesBySignal(model), ['task_failure/catalog', 'task_success/catalog', 'worker_ready/catalog']);
  assert.equal(model.sites[0].handler?.name, 'on_task_failure');
  assert.deepEqual(model.sites[1].connection.signal.nameSpan, spanOf(text, 'task_success', 3));
});

test('a fallback binding in an except branch does not hide the Celery import', async () => {
  const text = [
    'try:',
    '    from celery.signals import task_failure',
    'except ImportError:',
    '    task_failure = None',
    '',
    'if task_failure is not None:',
    ...handler('task_failure').map((line) => `    ${line}`),
  ].join('\n');
  assert.deepEqual(sitesBySignal(await extract(text)), ['task_failure/catalog']);
});

test('function-local imports resolve inside that function only', async () => {
  const text = [
    'def install():',
    '    from celery.signals import worker_init as wi',
    '    wi.connect(on_init)',
    '',
    'def elsewhere():',
    '    wi.connect(on_init)',
    '',
    'def on_init(**kw): pass',
  ].join('\n');
  const model = await extract(text);
  assert.deepEqual(sitesBySignal(model), ['worker_init/catalog']);
  assert.ok(model.signalRefs.some((r) => slice(text, r.nameSpan) === 'worker_init'));
});

test('signalRefs: imports, connected and unconnected uses, never attribute names of other objects', async () => {
  const text = [
    'from celery import signals',
    'from celery.signals import task_failure, task_posturn',
    '',
    'def teardown(config):',
    '    task_failure.disconnect(handler)',
    '    signals.task_revoked.send(sender=None)',
    '    config.task_failure = 1',
    '    return dict(task_failure=2)',
    '',
    'task_failure.connect(handler)',
    'def handler(**kw): pass',
  ].join('\n');
  const model = await extract(text);
  assert.deepEqual(
    model.signalRefs.map((r) => [r.name, r.resolution, slice(text, r.expressionSpan)]),
    [
      ['task_failure', 'catalog', 'task_failure'],
      ['task_posturn', 'unknown', 'task_posturn'],
      ['task_failure', 'catalog', 'task_failure'],
      ['task_revoked', 'catalog', 'signals.task_revoked'],
      ['task_failure', 'catalog', 'task_failure'],
    ],
  );
  assert.deepEqual(model.signalRefs[0].nameSpan, spanOf(text, 'task_failure'));
  assert.equal(model.sites[0].connection.signal, model.signalRefs[4], 'sites share the reference objects');
});

test('tasks: every decorator form, with and without arguments', async () => {
  const text = [
    'from celery import Celery, shared_task',
    'import celery',
    "app = Celery('proj')",
    '@app.task',
    'def a(): pass',
    "@app.task(bind=True, name='proj.b')",
    'def b(self): pass',
    '@shared_task',
    'def c(): pass',
    "@shared_task(name=f'proj.{x}')",
    'def d(): pass',
    '@celery.task',
    'def e(): pass',
    '@app.tasks',
    'def not_a_task(): pass',
    'class Jobs:',
    '    @app.task(name="proj.f")',
    '    def f(self): pass',
    '"""',
    '@app.task',
    'def in_a_string(): pass',
    '"""',
  ].join('\n');
  const model = await extract(text);
  assert.deepEqual(
    model.tasks.map((t) => [t.localName, t.registeredName, slice(text, t.span)]),
    [
      ['a', undefined, 'a'],
      ['b', 'proj.b', 'b'],
      ['c', undefined, 'c'],
      ['d', undefined, 'd'],
      ['e', undefined, 'e'],
      ['f', 'proj.f', 'f'],
    ],
  );
});

test('broken and half-typed code: no exception, problems reported, the rest still extracted', async () => {
  const cases = [
    'from celery.signals import task_failure\n@task_failure.connect\ndef ok(sender=None, **kw): pass\n\n@task_failure.\n',
    'from celery.signals import task_failure\n@task_failure.connect\ndef ok(sender=None, **kw): pass\n\n@task_failure.connect\ndef h(sender,\n',
    'from celery.signals import task_failure\n@task_failure.connect\ndef ok(sender=None, **kw): pass\n\ntask_failure.connect(\n',
    'from celery.signals import (task_failure,\n@task_failure.connect\ndef ok(sender=None, **kw):\n    return [x for x in\n',
    'from celery.signals import task_failure\n@task_failure.connect\ndef ok(sender=None, **kw):\n    if einfo:\n  return 1\n     x = (\n',
    '@@@\n)))\ndef\nclass\nlambda\n',
    '',
  ];
  for (const text of cases) {
    const model = await extract(text);
    if (text) assert.ok(model.syntaxProblems.length > 0, `expected a syntax problem in ${JSON.stringify(text)}`);
    for (const problem of model.syntaxProblems) {
      assert.ok(problem.message.length > 0);
      assert.ok(problem.span.start >= 0 && problem.span.end <= text.length);
    }
    if (text.startsWith('from celery.signals import task_failure\n@task_failure.connect\ndef ok(')) {
      assert.ok(model.sites.some((s) => s.handler?.name === 'ok'), `the complete handler survives in ${JSON.stringify(text)}`);
    }
  }
  // Every prefix of a realistic module must extract without throwing.
  const module = [
    'from celery.signals import task_failure, task_prerun as tp',
    '@tp.connect(sender=add, weak=False)',
    'async def before(sender, /, task_id, *args, task=None, **kw):',
    '    data = {k: v for k, v in kw.items() if v}',
    '    return lambda: (einfo, data, [t for t in task_id])',
  ].join('\n');
  for (let end = 0; end <= module.length; end++) await extract(module.slice(0, end));
});

test("signals from a user's catalog module resolve like Celery's own", async () => {
  const template = bundledCatalogFile.signals.find((s) => s.name === 'task_failure')!;
  const userFile: CatalogFile = {
    catalogVersion: 1,
    signals: [{ ...template, name: 'order_paid', access: { kind: 'module', modules: ['shop.signals'] }, category: 'custom', params: [], inStarImport: true }],
  };
  const catalog = new Catalog([bundledCatalogFile, userFile]);
  const source = [
    'from shop.signals import order_paid, order_refunded',
    'from shop import signals as shop_signals',
    '',
    ...handler('order_paid'),
    ...handler('order_refunded'),
    ...handler('shop_signals.order_paid'),
  ].join('\n');
  const model = await extract(source, catalog);
  // The module may define order_refunded as anything: only the known signal is a signal.
  assert.deepEqual(sitesBySignal(model), ['order_paid/catalog', 'order_paid/catalog']);
  assert.deepEqual(model.sites.map((s) => s.connection.signal.source), ['shop.signals', 'shop.signals']);
  assert.ok(model.imports.some((i) => i.localName === 'shop_signals' && i.kind === 'module' && i.target === 'shop.signals'));
  // Once the catalog lists everything the module binds, a name outside the list is an unknown signal.
  const described = new Catalog([bundledCatalogFile, { ...userFile, modules: [{ name: 'shop.signals', otherNames: ['Signal'] }] }]);
  assert.deepEqual(sitesBySignal(await extract(source, described)), ['order_paid/catalog', 'order_refunded/unknown', 'order_paid/catalog']);
});
