// The harness is the referee of the agreement suite, so it is checked on its own: small modules
// whose fate under Celery 5.2.6 is documented in the reference (celery-runtime-semantics.md,
// section in brackets) must get exactly that verdict.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { haveExecutable, requireTool } from '../support/system';
import { runHarness, SYSTEM_PYTHON, type HarnessHandler } from './agreement';

interface Expectation {
  id: string;
  text: string;
  verdicts: Record<string, string>;
  neverConnected?: string[];
}

const taskApp = `from celery import Celery
app = Celery('proj')

@app.task
def add(x, y):
    return x + y
`;

const expectations: Expectation[] = [
  {
    id: 'receiver without **kwargs is refused at connect [1]',
    text: `from celery.signals import task_failure\n\n@task_failure.connect\ndef on_failure(sender=None, task_id=None):\n    pass\n`,
    verdicts: { on_failure: 'refused-at-connect' },
  },
  {
    id: 'positional-only sender fails at every dispatch [1]',
    text: `from celery.signals import worker_init\n\n@worker_init.connect\ndef on_init(sender, /, **kwargs):\n    pass\n`,
    verdicts: { on_init: 'fails-at-dispatch' },
  },
  {
    id: 'task_retry reason is missing at the cancellation call site [1]',
    text: `from celery.signals import task_retry\n\n@task_retry.connect\ndef strict(sender, request, reason, **kwargs):\n    pass\n\n@task_retry.connect\ndef lenient(sender=None, request=None, reason=None, **kwargs):\n    pass\n`,
    verdicts: { strict: 'fails-at-dispatch', lenient: 'runs' },
  },
  {
    id: 'a name string never matches a task-object sender, but does match a publish sender [4]',
    text: `${taskApp}
from celery.signals import after_task_publish, task_success

@task_success.connect(sender='proj.handlers.add')
def by_name(sender=None, **kwargs):
    pass

@task_success.connect(sender=add)
def by_task(sender=None, **kwargs):
    pass

@after_task_publish.connect(sender='proj.handlers.add')
def published(sender=None, **kwargs):
    pass

@after_task_publish.connect(sender=b'proj.handlers.add')
def published_bytes(sender=None, **kwargs):
    pass
`,
    verdicts: { by_name: 'never-called', by_task: 'runs', published: 'runs', published_bytes: 'never-called' },
  },
  {
    id: 'weak receivers: inline lambda collected, module function kept [5]',
    text: `from celery.signals import worker_ready\n\nworker_ready.connect(lambda **kwargs: None)\n\ndef kept(**kwargs):\n    pass\n\nworker_ready.connect(kept)\n`,
    verdicts: { '<lambda>': 'never-called', kept: 'runs' },
  },
  {
    id: 'the first receiver wins a dispatch_uid; bound methods of one class share a key [5]',
    text: `from celery.signals import worker_init

def first(**kwargs):
    pass

def second(**kwargs):
    pass

worker_init.connect(first, dispatch_uid='hook')
worker_init.connect(second, dispatch_uid='hook')

class Hook:
    def handler(self, **kwargs):
        pass

a, b = Hook(), Hook()
worker_init.connect(a.handler)
worker_init.connect(b.handler)
`,
    // both method connects land on one handler (the def); the second one is ignored by Celery
    verdicts: { first: 'runs', second: 'never-called', handler: 'never-called' },
  },
  {
    id: 'setup_logging silences the after_setup hooks [3]',
    text: `from celery.signals import after_setup_logger, setup_logging\n\n@setup_logging.connect\ndef mine(**kwargs):\n    pass\n\n@after_setup_logger.connect\ndef extra(logger=None, **kwargs):\n    pass\n`,
    verdicts: { mine: 'runs', extra: 'never-called' },
  },
  {
    id: 'async handler body never runs',
    text: `from celery.signals import worker_ready\n\n@worker_ready.connect\nasync def ready(**kwargs):\n    pass\n`,
    verdicts: { ready: 'never-called' },
  },
  {
    id: 'a task passed positionally becomes the receiver [4]',
    text: `${taskApp}
from celery.signals import task_success

@task_success.connect(add)
def after_add(sender=None, **kwargs):
    pass
`,
    verdicts: { after_add: 'refused-at-connect' },
  },
  {
    id: 'unknown connect option raises TypeError [4]; handlers below it are never connected',
    text: `from celery.signals import task_failure, worker_ready\n\n@task_failure.connect(senders=None)\ndef on_failure(**kwargs):\n    pass\n\n@worker_ready.connect\ndef ready(**kwargs):\n    pass\n`,
    verdicts: { on_failure: 'refused-at-connect', ready: 'runs' },
    neverConnected: ['ready'],
  },
  {
    id: 'worker_process_init is sent with sender=None [6]',
    text: `from celery.signals import worker_process_init\n\n@worker_process_init.connect(sender='celery@harness')\ndef filtered(**kwargs):\n    pass\n\n@worker_process_init.connect\ndef unfiltered(**kwargs):\n    pass\n`,
    verdicts: { filtered: 'never-called', unfiltered: 'runs' },
  },
  {
    id: 'star import misses import_modules [9]; a body NameError fails at dispatch',
    text: `from celery.signals import *\n\n@import_modules.connect\ndef imported(**kwargs):\n    pass\n\n@task_prerun.connect\ndef reads(sender=None, **kwargs):\n    print(task_id)\n`,
    verdicts: { imported: 'refused-at-connect', reads: 'fails-at-dispatch' },
    neverConnected: ['reads'],
  },
];

test('the harness reproduces the documented runtime behaviour of Celery', async (t) => {
  const celeryInstalled = haveExecutable(SYSTEM_PYTHON, ['-c', 'import celery, kombu']);
  if (!requireTool(t, "Debian's python3-celery", celeryInstalled, 'bash scripts/install/python-celery.sh')) return;
  const report = await runHarness(expectations.map(({ id, text }) => ({ id, text })));
  assert.equal(report.celery, '5.2.6', 'these expectations were written for Debian 12 Celery');
  for (const expectation of expectations) {
    await t.test(expectation.id, () => {
      const caseReport = report.cases.find((c) => c.id === expectation.id);
      assert.ok(caseReport?.handlers, `no handlers reported: ${caseReport?.harnessError ?? ''}`);
      const byName = new Map<string, HarnessHandler>(caseReport.handlers.map((h) => [h.handler, h]));
      const actual = Object.fromEntries(Object.keys(expectation.verdicts).map((name) => [name, byName.get(name)?.verdict]));
      assert.deepEqual(actual, expectation.verdicts);
      const neverConnected = caseReport.handlers.filter((h) => h.neverConnected).map((h) => h.handler);
      assert.deepEqual(neverConnected, expectation.neverConnected ?? []);
    });
  }
});
