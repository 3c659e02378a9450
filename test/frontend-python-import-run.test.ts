// The facts the Python front end gathers for rules about import order, body reads and weak references.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract, handlerOf, onlySite, slice } from './frontend-python-support';

test('configuration reads at import: module statements only, writes and tests aside', async () => {
  const text = [
    '"""app.conf.broker_url is set by the deployment."""',
    'from celery import Celery',
    'app = Celery("proj")',
    'app.conf.task_acks_late = True',
    'app.conf["task_default_queue"] = "default"',
    'app.conf.update(timezone="UTC")',
    'if "x" in app.conf:',
    '    print(app.conf.timezone)',
    'queue = (app.conf',
    '         .task_default_queue)',
    'def later():',
    '    return app.conf.broker_url',
    '',
  ].join('\n');
  const model = await extract(text);
  assert.deepEqual(
    model.importRun?.configReads.map((read) => [read.app, slice(text, read.span)?.replace(/\s+/g, '')]),
    [['app', 'app.conf.task_default_queue']],
  );
});

test('star imports, names nothing binds, and receivers of the module\'s own Celery signals', async () => {
  const text = [
    'from celery.signals import *',
    'from celery.utils import dispatch',
    'paid = dispatch.Signal()',
    'import_modules.connect(lambda **kw: None)',
    '@paid.connect',
    'def receipt(order):',
    '    pass',
    'def setup():',
    '    paid.connect(ledger)',
    'def ledger(sender, **kwargs):',
    '    pass',
    '',
  ].join('\n');
  const run = (await extract(text)).importRun!;
  assert.deepEqual(run.starImports.map((s) => s.module), ['celery.signals']);
  assert.deepEqual(run.unboundConnects.map((u) => [u.name, u.topLevel]), [['import_modules', true]]);
  assert.deepEqual(
    run.customSignalReceivers.map((r) => [r.signal, r.receiver, r.acceptsKeywords, r.topLevel]),
    [
      ['paid', 'receipt', false, true],
      ['paid', 'ledger', true, false],
    ],
  );
});

test('mapping reads of a parameter carry the tests that guard them', async () => {
  const text = [
    'from celery.signals import after_task_publish',
    '@after_task_publish.connect',
    'def sent(sender=None, headers=None, body=None, **kwargs):',
    '    # body["id"] in a comment is no read',
    '    a = headers.get("id") or body.get("id")',
    '    if isinstance(body, dict):',
    '        b = body["task"]',
    '    elif "x" in body:',
    '        pass',
    '    else:',
    '        c = body["eta"]',
    '    try:',
    '        d = body.keys()',
    '    except TypeError:',
    '        e = body["args"]',
    '',
  ].join('\n');
  const reads = handlerOf(onlySite(await extract(text))).mappingReads ?? [];
  const summary = reads.map((read) => {
    const guards = read.guards.map((g) => (g.kind === 'try' ? 'try' : `test(${g.names.join(',')}|${g.typeTested.join(',')}|${g.membershipOf.join(',')})`));
    return `${slice(text, read.span)} ${guards.join(' ')}`;
  });
  assert.deepEqual(summary, [
    'headers.get ',
    'body.get test(headers,get||)',
    'body["task"] test(isinstance,body,dict|body|)',
    'body["eta"] test(isinstance,body,dict|body|) test(body||body)',
    'body.keys try',
    'body["args"] ',
  ]);
});

test('what keeps a weakly connected receiver alive', async () => {
  const text = [
    'from celery.signals import task_success',
    'class Collector:',
    '    def __init__(self):',
    '        task_success.connect(self.collect)',
    '    def collect(self, **kwargs):',
    '        pass',
    'Collector()',
    'class Reporter:',
    '    def report(self, **kwargs):',
    '        pass',
    'task_success.connect(Reporter().report)',
    'def fixture():',
    '    def seen(**kwargs):',
    '        pass',
    '    task_success.connect(seen)',
    '    logger.info("connected")',
    '    def helper():',
    '        send()',
    '    yield',
    'def factory(hooks):',
    '    def kept(**kwargs):',
    '        pass',
    '    task_success.connect(kept)',
    '    hooks.append(kept)',
    '',
  ].join('\n');
  const sites = (await extract(text)).sites;
  assert.deepEqual(sites.map((s) => s.instanceLifetime), ['discarded', 'temporary', undefined, undefined]);
  assert.deepEqual(sites[2].localLifetime, { handedOn: false, afterConnect: { calls: ['logger.info'], yields: true } });
  assert.equal(sites[3].localLifetime?.handedOn, true);
});
