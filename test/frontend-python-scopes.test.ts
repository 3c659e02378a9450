import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Handler } from '../server/src/analysis/model';
import { extract, handlerOf, readSummary, slice, spanOf } from './frontend-python-support';

/** The handler connected by the first site of the module. */
async function firstHandler(text: string): Promise<Handler> {
  const model = await extract(text);
  assert.ok(model.sites.length > 0, 'expected a connected handler');
  return handlerOf(model.sites[0]);
}

test('free reads: unbound names, builtins, module bindings, later and conditional definitions', async () => {
  const text = [
    'import logging',
    'from celery.signals import task_failure',
    'try:',
    '    import sentry_sdk',
    'except ImportError:',
    '    sentry_sdk = None',
    'log = logging.getLogger(__name__)',
    '',
    '@task_failure.connect',
    'def on_failure(sender=None, task_id=None, **kwargs):',
    '    log.error(format(task_id), id(sender), type(sender), input, __name__)',
    '    sentry_sdk.capture(einfo, exception)',
    '    notify(task_id)',
    '    return NotImplemented, print',
    '',
    'def notify(task_id):',
    '    pass',
  ].join('\n');
  const handler = await firstHandler(text);
  assert.deepEqual(readSummary(text, handler.freeReads), [
    'log+', 'format+', 'id+', 'type+', 'input+', '__name__+', 'sentry_sdk+', 'einfo-', 'exception-', 'notify+', 'NotImplemented+', 'print+',
  ]);
  assert.deepEqual(handler.freeReads.find((r) => r.name === 'einfo')?.span, spanOf(text, 'einfo'));
  assert.deepEqual(readSummary(text, handler.paramReads), ['task_id-', 'sender-', 'sender-', 'task_id-']);
});

test('names the handler binds are not free: locals, loops, with, except, imports, walrus, del, match', async () => {
  const text = [
    'from celery.signals import task_postrun',
    '',
    '@task_postrun.connect',
    'def after(sender=None, retval=None, **kw):',
    '    total = 0',
    '    for index, (key, value) in enumerate(kw.items()):',
    '        total += index',
    '    with open("/tmp/x") as handle, lock:',
    '        handle.write(str(total))',
    '    try:',
    '        import json',
    '        from os import path as p',
    '    except (ValueError, OSError) as error:',
    '        raise RuntimeError(error)',
    '    if (size := len(retval or "")) > 3:',
    '        del size',
    '    match retval:',
    '        case {"state": state, **rest} if state:',
    '            return state, rest',
    '        case [first, *others]:',
    '            return first, others',
    '        case Point(x=px) | Color.RED as color:',
    '            return px, color',
    '    annotated: Undefined',
    '    return json.dumps(key), p, value, annotated, handle',
  ].join('\n');
  const handler = await firstHandler(text);
  assert.deepEqual(readSummary(text, handler.freeReads), ['enumerate+', 'open+', 'lock-', 'str+', 'ValueError+', 'OSError+', 'RuntimeError+', 'len+', 'Point-', 'Color-']);
  assert.deepEqual(readSummary(text, handler.paramReads), ['kw-', 'retval-', 'retval-']);
});

test('attribute names, keyword names and local annotations are not reads', async () => {
  const text = [
    'from celery.signals import task_prerun',
    '',
    '@task_prerun.connect',
    'def before(sender=None, task: "Task" = None, **kw) -> Result:',
    '    sender.request.einfo',
    '    task.apply_async(countdown=exception)',
    '    value: Missing = 1',
    '    return value',
  ].join('\n');
  const handler = await firstHandler(text);
  assert.deepEqual(readSummary(text, handler.freeReads), ['exception-']);
});

test('closures: enclosing function locals are bound outside, class bodies are not', async () => {
  const text = [
    'from celery.signals import task_failure',
    '',
    'class Monitor:',
    '    threshold = 3',
    '    def install(self, channel):',
    '        counter = {"n": 0}',
    '        @task_failure.connect(weak=False)',
    '        def on_failure(sender=None, **kw):',
    '            counter["n"] += 1',
    '            channel.send(self, threshold, counter)',
    '        return on_failure',
  ].join('\n');
  const handler = await firstHandler(text);
  assert.equal(handler.definedIn, 'function');
  assert.deepEqual(readSummary(text, handler.freeReads), ['counter+', 'channel+', 'self+', 'threshold-', 'counter+']);
});

test('nested scopes: their own bindings stay inside, their free names surface', async () => {
  const text = [
    'from celery.signals import task_failure',
    '',
    '@task_failure.connect',
    'def on_failure(sender=None, exception=None, **kw):',
    '    rows = [row for row in kw.values() if row is not exception]',
    '    pairs = {k: v for k, v in kw.items()}',
    '    later = lambda: einfo',
    '    take = lambda einfo=None: einfo',
    '    def inner(task_id, default=traceback):',
    '        return task_id, exception, retval',
    '    class Report:',
    '        title = headline',
    '        def render(self):',
    '            return title, self, rows',
    '    gen = (x for x in missing_iterable)',
    '    return rows, pairs, later, take, inner, Report, gen',
  ].join('\n');
  const handler = await firstHandler(text);
  assert.deepEqual(readSummary(text, handler.freeReads), ['einfo-', 'traceback-', 'retval-', 'headline-', 'title-', 'missing_iterable-']);
  assert.deepEqual(handler.freeReads[0].span, spanOf(text, 'einfo'));
  assert.deepEqual(readSummary(text, handler.paramReads), ['kw-', 'exception-', 'kw-', 'exception-']);
});

test('global and nonlocal declarations bind the name for the handler', async () => {
  const text = [
    'from celery.signals import worker_ready',
    '',
    'def install():',
    '    ready = False',
    '    @worker_ready.connect(weak=False)',
    '    def on_ready(sender=None, **kw):',
    '        global seen_workers',
    '        nonlocal ready',
    '        seen_workers = ready = True',
    '        return seen_workers, ready, unknown_name',
    '',
    '@worker_ready.connect',
    'def counts(**kw):',
    '    def bump():',
    '        global tally',
    '        tally += 1',
    '    return tally, bump',
  ].join('\n');
  const model = await extract(text);
  assert.deepEqual(readSummary(text, handlerOf(model.sites[0]).freeReads), ['unknown_name-']);
  // `tally` is declared global inside bump and read by the handler: a module name assigned somewhere.
  assert.deepEqual(readSummary(text, handlerOf(model.sites[1]).freeReads), ['tally+', 'tally+']);
});

test('a star import from an unknown module may bind anything', async () => {
  const text = ['from celery.signals import task_failure', 'from .settings import *', '', '@task_failure.connect', 'def h(**kw):', '    return einfo'].join('\n');
  assert.deepEqual(readSummary(text, (await firstHandler(text)).freeReads), ['einfo+']);
});

test('lambda handlers: body reads, and their defaults are not handler reads', async () => {
  const text = ['from celery.signals import task_retry', '', 'task_retry.connect(lambda sender=default_sender, **kw: log(reason, kw), weak=False)'].join('\n');
  const handler = await firstHandler(text);
  assert.deepEqual(readSummary(text, handler.freeReads), ['log-', 'reason-']);
  assert.deepEqual(readSummary(text, handler.paramReads), ['kw-']);
});

test('methods: decorated in the class body, or connected through self, cls, the class or an instance', async () => {
  const text = [
    'from celery.signals import task_success',
    '',
    'class Tracker:',
    '    @task_success.connect',
    '    def on_success(self, sender=None, **kw):',
    '        pass',
    '',
    '    def start(self):',
    '        task_success.connect(self.record, weak=False)',
    '        task_success.connect(self.summary)',
    '        task_success.connect(self.helper)',
    '',
    '    @classmethod',
    '    def install(cls):',
    '        task_success.connect(cls.record)',
    '        task_success.connect(cls.summary)',
    '',
    '    def record(self, sender=None, result=None, **kw):',
    '        pass',
    '',
    '    @classmethod',
    '    def summary(cls, sender=None, **kw):',
    '        pass',
    '',
    '    @staticmethod',
    '    def helper(sender=None, **kw):',
    '        pass',
    '',
    'tracker = Tracker()',
    'task_success.connect(tracker.record)',
    'task_success.connect(Tracker.record)',
    'task_success.connect(Tracker.helper)',
    'def wire(obj):',
    '    task_success.connect(obj.record)',
    '    task_success.connect(obj.nonexistent)',
  ].join('\n');
  const model = await extract(text);
  assert.deepEqual(
    model.sites.map((site) => [slice(text, site.receiverSpan) ?? 'decorator', site.receiverKind, site.handler?.name, site.handler?.implicitFirstParam, site.handler?.definedIn]),
    [
      ['decorator', 'definition', 'on_success', undefined, 'class'],
      ['self.record', 'attribute', 'record', 'self', 'class'],
      ['self.summary', 'attribute', 'summary', 'cls', 'class'],
      ['self.helper', 'attribute', 'helper', undefined, 'class'],
      ['cls.record', 'attribute', 'record', undefined, 'class'],
      ['cls.summary', 'attribute', 'summary', 'cls', 'class'],
      ['tracker.record', 'attribute', 'record', 'self', 'class'],
      ['Tracker.record', 'attribute', 'record', undefined, 'class'],
      ['Tracker.helper', 'attribute', 'helper', undefined, 'class'],
      ['obj.record', 'attribute', 'record', 'self', 'class'],
      ['obj.nonexistent', 'attribute', undefined, undefined, undefined],
    ],
  );
  assert.equal(model.sites[0].handler?.kind, 'method');
});

test('only f-strings read names', async () => {
  const text = [
    'from celery.signals import task_failure',
    '',
    '@task_failure.connect',
    'def on_failure(**kw):',
    '    plain = "{einfo}" + r"{exception}" + b"{sender}"',
    "    formatted = f'{task_id!r:>{width}}' rf\"{traceback}\" F'''{args}'''",
    '    return plain, formatted',
  ].join('\n');
  const handler = handlerOf((await extract(text)).sites[0]);
  assert.deepEqual(readSummary(text, handler.freeReads), ['task_id-', 'width-', 'traceback-', 'args-']);
});

test('a name used above its definition is unbound where Celery evaluates it', async () => {
  const text = [
    'from celery import Celery',
    'from celery.signals import task_success',
    "app = Celery('billing')",
    '',
    '@task_success.connect(sender=generate_invoice)',
    'def too_early(sender=None, **kwargs): pass',
    '',
    '@app.task',
    'def generate_invoice(order_id):',
    '    return order_id',
    '',
    '@task_success.connect(sender=generate_invoice)',
    'def in_time(sender=None, **kwargs): pass',
    '',
    'def connect_later():',
    '    task_success.connect(in_time, sender=generate_invoice)',
    '    task_success.connect(in_time, sender=print)',
    '    task_success.connect(in_time, sender=nowhere)',
    'task_success.connect(defined_below)',
    'def defined_below(**kwargs): pass',
  ].join('\n');
  const sites = (await extract(text)).sites;
  assert.deepEqual(sites.map((site) => site.receiverUnbound), [undefined, undefined, undefined, undefined, undefined, true]);
  assert.equal(sites[5].handler?.name, 'defined_below');
  const values = sites.slice(0, 5).map((site) => site.connection.arguments[0].value);
  assert.deepEqual(values, [
    { kind: 'name', name: 'generate_invoice', refersTo: 'task', unbound: true },
    { kind: 'name', name: 'generate_invoice', refersTo: 'task' },
    { kind: 'name', name: 'generate_invoice', refersTo: 'task' },
    { kind: 'name', name: 'print', refersTo: 'unknown' },
    { kind: 'name', name: 'nowhere', refersTo: 'unknown', unbound: true },
  ]);
});
