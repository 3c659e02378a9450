import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract, handlerOf, onlySite, paramSummary, slice, spanOf, sitesBySignal } from './frontend-python-support';

test('decorated handler: signal, parameters of every kind, spans', async () => {
  const text = [
    'import logging',
    'from celery.signals import task_failure',
    '',
    'log = logging.getLogger(__name__)',
    '',
    '@task_failure.connect',
    'def report_failure(sender, /, task_id: str, exception=None, *args, einfo, traceback=None, **kwargs):',
    '    log.error("task %s failed: %r", task_id, exception)',
    '',
  ].join('\n');
  const site = onlySite(await extract(text));
  assert.equal(site.connection.style, 'decorator');
  assert.deepEqual(site.connection.signal, {
    name: 'task_failure',
    resolution: 'catalog',
    source: 'celery.signals',
    nameSpan: spanOf(text, 'task_failure', 1),
    expressionSpan: spanOf(text, 'task_failure', 1),
  });
  assert.equal(slice(text, site.connection.span), 'task_failure.connect');
  assert.deepEqual(site.connection.arguments, []);
  assert.equal(site.receiverKind, 'definition');
  const handler = handlerOf(site);
  assert.equal(handler.name, 'report_failure');
  assert.deepEqual(handler.nameSpan, spanOf(text, 'report_failure'));
  assert.equal(handler.kind, 'function');
  assert.equal(handler.definedIn, 'module');
  assert.equal(handler.isAsync, false);
  assert.equal(handler.implicitFirstParam, undefined);
  assert.deepEqual(paramSummary(handler), [
    'sender:positional-only',
    'task_id:positional',
    'exception:positional=',
    'args:var-positional',
    'einfo:keyword-only',
    'traceback:keyword-only=',
    'kwargs:var-keyword',
  ]);
  assert.equal(slice(text, handler.paramsSpan), '(sender, /, task_id: str, exception=None, *args, einfo, traceback=None, **kwargs)');
  assert.equal(slice(text, handler.params[1].span), 'task_id: str');
  assert.equal(handler.params[1].annotation, 'str');
  assert.deepEqual(handler.params[1].nameSpan, spanOf(text, 'task_id'));
  assert.equal(slice(text, handler.params[6].span), '**kwargs');
  assert.deepEqual(handler.params[6].nameSpan, spanOf(text, 'kwargs'));
  assert.ok(slice(text, handler.definitionSpan)!.startsWith('def report_failure('));
  assert.ok(slice(text, handler.definitionSpan)!.endsWith('exception)'));
});

test('keyword-only after a bare star, async handlers', async () => {
  const text = [
    'from celery.signals import task_success',
    '',
    '@task_success.connect',
    'async def notify(sender=None, *, result, **kw):',
    '    await push(result)',
  ].join('\n');
  const handler = handlerOf(onlySite(await extract(text)));
  assert.equal(handler.isAsync, true);
  assert.deepEqual(paramSummary(handler), ['sender:positional=', 'result:keyword-only', 'kw:var-keyword']);
  assert.ok(slice(text, handler.definitionSpan)!.startsWith('async def notify'));
});

test('decorator call: keyword options and what their values are', async () => {
  const text = [
    'from celery import Celery',
    'from celery.signals import task_prerun, task_postrun',
    '',
    "app = Celery('shop')",
    '',
    "@app.task(name='shop.charge')",
    'def charge(order_id):',
    '    return order_id',
    '',
    'class Audit:',
    '    pass',
    '',
    'def helper():',
    '    pass',
    '',
    "@task_prerun.connect(sender=charge, weak=False, dispatch_uid='audit' 'x', retry=True, senders=Audit)",
    'def before_charge(sender=None, **kwargs):',
    '    pass',
    '',
    "@task_postrun.connect(sender=b'shop.charge', dispatch_uid=f'{helper}', weak=None)",
    'def after(sender=None, **kwargs): pass',
    '',
    "@task_postrun.connect(sender=helper, dispatch_uid=task_prerun, weak=missing, retry=lambda: 1)",
    'def other(sender=None, **kwargs): pass',
  ].join('\n');
  const model = await extract(text);
  assert.equal(model.sites.length, 3);
  const [first, second, third] = model.sites;
  assert.equal(first.connection.style, 'decorator-call');
  assert.equal(slice(text, first.connection.argumentsSpan)!.slice(0, 15), '(sender=charge,');
  assert.deepEqual(
    first.connection.arguments.map((a) => [a.keyword, slice(text, a.keywordSpan), a.value]),
    [
      ['sender', 'sender', { kind: 'name', name: 'charge', refersTo: 'task' }],
      ['weak', 'weak', { kind: 'bool', value: false }],
      ['dispatch_uid', 'dispatch_uid', { kind: 'other', text: "'audit' 'x'" }],
      ['retry', 'retry', { kind: 'bool', value: true }],
      ['senders', 'senders', { kind: 'name', name: 'Audit', refersTo: 'class' }],
    ],
  );
  assert.equal(slice(text, first.connection.arguments[0].span), 'sender=charge');
  assert.equal(slice(text, first.connection.arguments[0].valueSpan), 'charge');
  assert.equal(first.connection.positionalReceiver, undefined);
  assert.deepEqual(
    second.connection.arguments.map((a) => a.value),
    [{ kind: 'bytes' }, { kind: 'other', text: "f'{helper}'" }, { kind: 'none' }],
  );
  assert.deepEqual(
    third.connection.arguments.map((a) => a.value),
    [
      { kind: 'name', name: 'helper', refersTo: 'function' },
      { kind: 'name', name: 'task_prerun', refersTo: 'signal' },
      { kind: 'name', name: 'missing', refersTo: 'unknown', unbound: true },
      { kind: 'lambda' },
    ],
  );
  assert.deepEqual(model.tasks, [{ localName: 'charge', registeredName: 'shop.charge', span: spanOf(text, 'charge', 1) }]);
});

test('decorator call with a positional first argument: receiver unless it is a literal', async () => {
  const text = [
    'from celery import shared_task',
    'from celery.signals import task_success, before_task_publish',
    '',
    '@shared_task',
    'def add(x, y):',
    '    return x + y',
    '',
    '@task_success.connect(add)',
    'def on_add(sender=None, result=None, **kwargs):',
    '    pass',
    '',
    "@before_task_publish.connect('proj.add', False)",
    'def on_publish(sender=None, body=None, **kwargs):',
    '    pass',
  ].join('\n');
  const [trap, literal] = (await extract(text)).sites;
  assert.ok(trap.connection.positionalReceiver);
  assert.deepEqual(trap.connection.positionalReceiver.value, { kind: 'name', name: 'add', refersTo: 'task' });
  assert.equal(trap.connection.positionalReceiver.positional, true);
  assert.equal(trap.connection.positionalReceiver.span.start, spanOf(text, '(add)').start + 1);
  assert.equal(slice(text, trap.connection.positionalReceiver.span), 'add');
  assert.deepEqual(trap.connection.arguments, []);
  assert.equal(handlerOf(trap).name, 'on_add', 'the decorated function is still reported so rules can explain');
  assert.equal(literal.connection.positionalReceiver, undefined);
  assert.deepEqual(
    literal.connection.arguments.map((a) => [a.keyword, a.positional, a.keywordSpan, a.value]),
    [
      ['sender', true, undefined, { kind: 'string', value: 'proj.add' }],
      ['weak', true, undefined, { kind: 'bool', value: false }],
    ],
  );
});

test('call style: receiver by name (defined later), positional options, receiver keyword, outer call', async () => {
  const text = [
    'from celery.signals import task_failure, worker_ready',
    'from myproject.handlers import imported_handler',
    '',
    'def setup(app):',
    "    task_failure.connect(on_failure, app.tasks['x'], False, 'uid', True, 'extra')",
    '    worker_ready.connect(receiver=on_ready, sender=app)',
    "    worker_ready.connect(sender='celery@host')(on_ready)",
    '    worker_ready.connect(imported_handler)',
    '',
    'def on_failure(sender=None, **kwargs):',
    '    pass',
    '',
    'def on_ready(sender=None, **kwargs):',
    '    pass',
  ].join('\n');
  const [failure, byKeyword, outer, imported] = (await extract(text)).sites;
  assert.equal(failure.connection.style, 'call');
  assert.equal(slice(text, failure.connection.span)!.startsWith('task_failure.connect(on_failure'), true);
  assert.deepEqual(failure.receiverSpan, spanOf(text, 'on_failure'));
  assert.equal(failure.receiverKind, 'reference');
  assert.equal(handlerOf(failure).name, 'on_failure');
  assert.deepEqual(
    failure.connection.arguments.map((a) => [a.keyword, a.positional, a.value.kind]),
    [
      ['sender', true, 'other'],
      ['weak', true, 'bool'],
      ['dispatch_uid', true, 'string'],
      ['retry', true, 'bool'],
      [undefined, true, 'string'],
    ],
  );
  assert.equal(handlerOf(byKeyword).name, 'on_ready');
  assert.deepEqual(byKeyword.receiverSpan, spanOf(text, 'on_ready'));
  // Celery's connect() has no `receiver` parameter: keep it as an option so a rule can flag it.
  assert.deepEqual(byKeyword.connection.arguments.map((a) => a.keyword), ['receiver', 'sender']);
  assert.equal(handlerOf(outer).name, 'on_ready');
  assert.deepEqual(outer.connection.arguments.map((a) => [a.keyword, a.value]), [['sender', { kind: 'string', value: 'celery@host' }]]);
  assert.equal(imported.handler, undefined);
  assert.deepEqual(imported.receiverSpan, spanOf(text, 'imported_handler', 1));
  assert.equal(imported.receiverKind, 'reference');
});

test('lambdas, partials and factories as receivers', async () => {
  const text = [
    'import functools',
    'from functools import partial',
    'from celery.signals import task_retry, worker_init',
    '',
    'def record(kind, sender=None, **kw):',
    '    pass',
    '',
    'task_retry.connect(lambda sender=None, **kw: record("retry", sender), weak=False)',
    "worker_init.connect(partial(record, 'init'))",
    "worker_init.connect(functools.partial(record, 'init'))",
    'worker_init.connect(make_handler())',
    'on_init = lambda: None',
    'worker_init.connect(on_init)',
    'worker_init.connect(lambda: None)',
  ].join('\n');
  const sites = (await extract(text)).sites;
  assert.deepEqual(sites.map((s) => s.receiverKind), ['lambda', 'partial', 'partial', 'call', 'reference', 'lambda']);
  const lambda = handlerOf(sites[0]);
  assert.equal(lambda.kind, 'lambda');
  assert.equal(lambda.name, undefined);
  assert.equal(lambda.definedIn, 'module');
  assert.deepEqual(paramSummary(lambda), ['sender:positional=', 'kw:var-keyword']);
  assert.equal(slice(text, lambda.paramsSpan), 'sender=None, **kw');
  assert.equal(slice(text, lambda.definitionSpan), 'lambda sender=None, **kw: record("retry", sender)');
  // The partial binds `kind`: only the parameters left for Celery's keywords are judged.
  assert.deepEqual(paramSummary(handlerOf(sites[1])), ['sender:positional=', 'kw:var-keyword']);
  assert.deepEqual(sites[1].partial?.positionallyBound.map((p) => p.name), ['kind']);
  assert.equal(slice(text, sites[1].receiverSpan), "partial(record, 'init')");
  assert.equal(handlerOf(sites[4]).kind, 'lambda');
  const bare = handlerOf(sites[5]);
  assert.deepEqual(bare.params, []);
  assert.deepEqual(bare.paramsSpan, { start: spanOf(text, 'lambda', 2).end, end: spanOf(text, 'lambda', 2).end });
});

test('stacked decorators give one site each with the same handler', async () => {
  const text = [
    'from celery import signals',
    '',
    '@signals.worker_process_init.connect',
    '@signals.worker_process_shutdown.connect(weak=False)',
    'def reset_pool(sender=None, **kwargs):',
    '    pass',
  ].join('\n');
  const model = await extract(text);
  assert.deepEqual(sitesBySignal(model), ['worker_process_init/catalog', 'worker_process_shutdown/catalog']);
  assert.equal(model.sites[0].handler, model.sites[1].handler);
  assert.equal(slice(text, model.sites[0].connection.signal.expressionSpan), 'signals.worker_process_init');
  assert.deepEqual(model.sites[0].connection.signal.nameSpan, spanOf(text, 'worker_process_init'));
});

test('nested functions are defined in a function', async () => {
  const text = [
    'from celery.signals import task_failure',
    '',
    'def install():',
    '    @task_failure.connect',
    '    def on_failure(sender=None, **kw):',
    '        pass',
    '    def later(**kw):',
    '        pass',
    '    task_failure.connect(later)',
  ].join('\n');
  const model = await extract(text);
  assert.deepEqual(model.sites.map((s) => [handlerOf(s).name, handlerOf(s).definedIn, handlerOf(s).kind]), [
    ['on_failure', 'function', 'function'],
    ['later', 'function', 'function'],
  ]);
});

test('positions are UTF-16 string offsets', async () => {
  const text = ['# Überwachung 🚀 der Aufgaben', 'from celery.signals import task_failure', '@task_failure.connect', 'def h(sender, **kw): return "ü🚀"'].join('\n');
  const handler = handlerOf(onlySite(await extract(text)));
  assert.equal(slice(text, handler.nameSpan), 'h');
  assert.equal(slice(text, handler.paramsSpan), '(sender, **kw)');
});
