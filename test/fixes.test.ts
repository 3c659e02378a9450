// Quick-fixes as before/after texts: apply the named fix of the named finding and compare the whole
// result, then check the fixed text no longer has that finding.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeText } from '../server/src/analysis/analyze';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import { checkFix as checkFixIn } from './support/checkFix';

const checkFix = (before: string, code: string, title: string | RegExp, expected: string) => checkFixIn(before, code, title, expected, 'python');

const IMPORTS = 'from celery.signals import task_failure, task_prerun, task_retry, task_success, worker_ready\n\n';

test('add **kwargs after the last parameter', () =>
  checkFix(
    `${IMPORTS}@worker_ready.connect\ndef ready(sender):\n    pass\n`,
    'missing-var-kwargs',
    'Add **kwargs',
    `${IMPORTS}@worker_ready.connect\ndef ready(sender, **kwargs):\n    pass\n`,
  ));

test('add **kw when the signal sends a keyword named kwargs', () =>
  checkFix(
    `${IMPORTS}@task_prerun.connect\ndef before(sender, task_id, kwargs):\n    print(kwargs)\n`,
    'missing-var-kwargs',
    'Add **kw',
    `${IMPORTS}@task_prerun.connect\ndef before(sender, task_id, kwargs, **kw):\n    print(kwargs)\n`,
  ));

test('add **kwargs to an empty list, after keyword-only parameters and after /', async () => {
  await checkFix(`${IMPORTS}@worker_ready.connect\ndef ready():\n    pass\n`, 'missing-var-kwargs', 'Add **kwargs', `${IMPORTS}@worker_ready.connect\ndef ready(**kwargs):\n    pass\n`);
  await checkFix(
    `${IMPORTS}@worker_ready.connect\ndef ready(*, sender):\n    pass\n`,
    'missing-var-kwargs',
    'Add **kwargs',
    `${IMPORTS}@worker_ready.connect\ndef ready(*, sender, **kwargs):\n    pass\n`,
  );
  await checkFix(
    `${IMPORTS}@worker_ready.connect\ndef ready(signal=None, /):\n    pass\n`,
    'missing-var-kwargs',
    'Add **kwargs',
    `${IMPORTS}@worker_ready.connect\ndef ready(signal=None, /, **kwargs):\n    pass\n`,
  );
});

test('add **kwargs to a one-per-line list with a trailing comma and a comment', () =>
  checkFix(
    `${IMPORTS}@task_success.connect\ndef done(\n    sender,\n    result,  # the return value\n):\n    pass\n`,
    'missing-var-kwargs',
    'Add **kwargs',
    `${IMPORTS}@task_success.connect\ndef done(\n    sender,\n    result,\n    **kwargs,  # the return value\n):\n    pass\n`,
  ));

test('add **kwargs to a bare lambda', () =>
  checkFix(
    `${IMPORTS}worker_ready.connect(lambda: print("up"), weak=False)\n`,
    'missing-var-kwargs',
    'Add **kwargs',
    `${IMPORTS}worker_ready.connect(lambda **kwargs: print("up"), weak=False)\n`,
  ));

test('rename a parameter and its uses to the keyword the signal sends', () =>
  checkFix(
    `${IMPORTS}@task_failure.connect\ndef failed(sender, exc, **kw):\n    print(exc, repr(exc))\n`,
    'param-not-provided',
    'Rename `exc` to `exception`',
    `${IMPORTS}@task_failure.connect\ndef failed(sender, exception, **kw):\n    print(exception, repr(exception))\n`,
  ));

test('give a never-sent parameter a default, making later ones keyword-only', () =>
  checkFix(
    `${IMPORTS}@task_failure.connect\ndef failed(sender, queue, task_id, **kw):\n    print(queue, task_id)\n`,
    'param-not-provided',
    'Give `queue` a default',
    `${IMPORTS}@task_failure.connect\ndef failed(sender, *, queue=None, task_id, **kw):\n    print(queue, task_id)\n`,
  ));

test('default for a sometimes-absent annotated parameter', () =>
  checkFix(
    `${IMPORTS}@task_retry.connect\ndef retried(sender, request, reason: str, **kwargs):\n    print(reason)\n`,
    'param-sometimes-absent',
    'Give `reason` a default',
    `${IMPORTS}@task_retry.connect\ndef retried(sender, request, reason: str = None, **kwargs):\n    print(reason)\n`,
  ));

test('remove the positional-only marker', () =>
  checkFix(
    `${IMPORTS}@task_success.connect\ndef done(sender, result, /, **kwargs):\n    pass\n`,
    'positional-only-param',
    /Remove the `\/`/,
    `${IMPORTS}@task_success.connect\ndef done(sender, result, **kwargs):\n    pass\n`,
  ));

test('declare a keyword the body reads, before **kwargs', () =>
  checkFix(
    `${IMPORTS}@task_failure.connect\ndef failed(sender=None, **kwargs):\n    print(einfo)\n`,
    'undeclared-kwarg-read',
    'Add `einfo` as a parameter',
    `${IMPORTS}@task_failure.connect\ndef failed(sender=None, einfo=None, **kwargs):\n    print(einfo)\n`,
  ));

test('string sender on a task signal becomes the task object', () =>
  checkFix(
    `from celery import Celery\nfrom celery.signals import task_success\n\napp = Celery()\n\n\n@app.task(name="proj.add")\ndef add(x, y):\n    return x + y\n\n\n@task_success.connect(sender="proj.add")\ndef done(sender=None, result=None, **kwargs):\n    pass\n`,
    'sender-kind-mismatch',
    'Filter on the task object `add`',
    `from celery import Celery\nfrom celery.signals import task_success\n\napp = Celery()\n\n\n@app.task(name="proj.add")\ndef add(x, y):\n    return x + y\n\n\n@task_success.connect(sender=add)\ndef done(sender=None, result=None, **kwargs):\n    pass\n`,
  ));

test('removing the only sender filter drops the parentheses; in a call only the argument goes', async () => {
  await checkFix(
    `${IMPORTS}@task_success.connect(sender="proj.add")\ndef done(sender=None, **kwargs):\n    pass\n`,
    'sender-kind-mismatch',
    'Remove the sender filter',
    `${IMPORTS}@task_success.connect\ndef done(sender=None, **kwargs):\n    pass\n`,
  );
  await checkFix(
    `${IMPORTS}def done(sender=None, **kwargs):\n    pass\n\n\ntask_success.connect(done, sender="proj.add", weak=False)\n`,
    'sender-kind-mismatch',
    'Remove the sender filter',
    `${IMPORTS}def done(sender=None, **kwargs):\n    pass\n\n\ntask_success.connect(done, weak=False)\n`,
  );
});

test('connect a lambda or nested function strongly', async () => {
  await checkFix(
    `${IMPORTS}task_success.connect(lambda **kw: print(kw))\n`,
    'weak-local-receiver',
    'Connect with weak=False',
    `${IMPORTS}task_success.connect(lambda **kw: print(kw), weak=False)\n`,
  );
  await checkFix(
    `${IMPORTS}def install():\n    @worker_ready.connect\n    def ready(**kwargs):\n        pass\n`,
    'weak-local-receiver',
    'Connect with weak=False',
    `${IMPORTS}def install():\n    @worker_ready.connect(weak=False)\n    def ready(**kwargs):\n        pass\n`,
  );
});

test('task passed positionally becomes sender=', () =>
  checkFix(
    `from celery import shared_task\nfrom celery.signals import task_success\n\n\n@shared_task\ndef add(x, y):\n    return x + y\n\n\n@task_success.connect(add)\ndef done(sender=None, **kwargs):\n    pass\n`,
    'task-as-receiver',
    'Pass `add` as sender=',
    `from celery import shared_task\nfrom celery.signals import task_success\n\n\n@shared_task\ndef add(x, y):\n    return x + y\n\n\n@task_success.connect(sender=add)\ndef done(sender=None, **kwargs):\n    pass\n`,
  ));

test('misspelt connect option', () =>
  checkFix(
    `${IMPORTS}@worker_ready.connect(dispatchuid="ready-once")\ndef ready(**kwargs):\n    pass\n`,
    'unknown-connect-option',
    'Rename to `dispatch_uid`',
    `${IMPORTS}@worker_ready.connect(dispatch_uid="ready-once")\ndef ready(**kwargs):\n    pass\n`,
  ));

test('misspelt signal: the import and the use both change', () =>
  checkFix(
    `from celery.signals import task_sucess\n\n\n@task_sucess.connect\ndef done(**kwargs):\n    pass\n`,
    'unknown-signal',
    'Change to `task_success`',
    `from celery.signals import task_success\n\n\n@task_success.connect\ndef done(**kwargs):\n    pass\n`,
  ));

test('async handler without await becomes synchronous', () =>
  checkFix(
    `${IMPORTS}@worker_ready.connect\nasync def ready(**kwargs):\n    print("up")\n`,
    'async-handler',
    'Make the handler synchronous',
    `${IMPORTS}@worker_ready.connect\ndef ready(**kwargs):\n    print("up")\n`,
  ));

test('add all parameters of the signal, keeping **kwargs last', async () => {
  await checkFix(
    `${IMPORTS}@task_retry.connect\ndef retried(sender=None, **kwargs):\n    pass\n`,
    'missing-signal-params',
    'Add all parameters of task_retry',
    `${IMPORTS}@task_retry.connect\ndef retried(sender=None, *, request, reason=None, einfo=None, **kwargs):\n    pass\n`,
  );
  await checkFix(
    `${IMPORTS}@task_success.connect\ndef done():\n    pass\n`,
    'missing-signal-params',
    'Add all parameters of task_success',
    `${IMPORTS}@task_success.connect\ndef done(sender, result, **kwargs):\n    pass\n`,
  );
  await checkFix(
    `from celery.signals import task_internal_error\n\n\n@task_internal_error.connect\ndef broke(**kwargs):\n    pass\n`,
    'missing-signal-params',
    'Add all parameters of task_internal_error',
    `from celery.signals import task_internal_error\n\n\n@task_internal_error.connect\ndef broke(*, sender, task_id, args, kwargs, request=None, exception, traceback=None, einfo, **kw):\n    pass\n`,
  );
});

test('move @staticmethod above the connect decorator', () =>
  checkFix(
    `${IMPORTS}class Hooks:\n    @task_success.connect\n    @staticmethod\n    def done(sender=None, **kwargs):\n        pass\n`,
    'connect-on-descriptor',
    'Put @staticmethod above the connect decorator',
    `${IMPORTS}class Hooks:\n    @staticmethod\n    @task_success.connect\n    def done(sender=None, **kwargs):\n        pass\n`,
  ));

test('import a signal the star import leaves out', () =>
  checkFix(
    `from celery.signals import *\n\n\n@import_modules.connect\ndef loaded(sender=None, **kwargs):\n    pass\n`,
    'not-in-star-import',
    'Import `import_modules` by name',
    `from celery.signals import *\nfrom celery.signals import import_modules\n\n\n@import_modules.connect\ndef loaded(sender=None, **kwargs):\n    pass\n`,
  ));

test('adding `args` beside `*args` renames the always-empty *args, reads included', () =>
  checkFix(
    `${IMPORTS}@task_failure.connect\ndef on_failure(sender, task_id, exception, *args, kwargs=None, traceback=None, einfo=None, **extra):\n    print(args)\n`,
    'missing-signal-params',
    /Add all parameters/,
    `${IMPORTS}@task_failure.connect\ndef on_failure(sender, task_id, exception, *positional, kwargs=None, traceback=None, einfo=None, args, **extra):\n    print(positional)\n`,
  ));

test('a fix for one connection of a function keeps its other connections working', async () => {
  const both = 'from celery.signals import task_postrun, task_prerun\n\n@task_prerun.connect\n@task_postrun.connect\n';
  // `retval` only comes with task_postrun: declaring it without a default would break task_prerun.
  await checkFix(
    `${both}def timing(sender=None, task_id=None, **kwargs):\n    print(task_id, retval)\n`,
    'undeclared-kwarg-read',
    'Add `retval` as a parameter',
    `${both}def timing(sender=None, task_id=None, retval=None, **kwargs):\n    print(task_id, retval)\n`,
  );
});

test('a rename that suits only one connection of a function is not offered', async () => {
  const text =
    'from celery.signals import task_postrun, task_prerun\n\n@task_prerun.connect\n@task_postrun.connect\ndef timing(sender=None, task=None, retvl=None, **kwargs):\n    print(task)\n';
  const { findings } = await analyzeText(text, 'python', getBundledCatalog(), { celeryVersion: '5.2.6' });
  const unknown = findings.filter((f) => f.code === 'unknown-param');
  assert.equal(unknown.length, 2, 'one unknown-param finding per connection');
  const renames = unknown.flatMap((f) => f.fixes.map((x) => x.title));
  // `retvl` -> `retval` would be right for task_postrun only; task_prerun never sends `retval`.
  assert.deepEqual(renames, []);
});

test('weak=False for a method connected in __init__ comes with a dispatch_uid per instance', async () => {
  const before = `${IMPORTS}class Collector:\n    def __init__(self):\n        task_success.connect(self.collect)\n\n    def collect(self, sender=None, result=None, **kwargs):\n        print(result)\n\n\nCollector()\n`;
  // Without a uid, Celery (4.2+) keys the bound method by its function: a second instance is ignored.
  await checkFix(
    before,
    'weak-local-receiver',
    'Connect with weak=False and dispatch_uid=id(self)',
    before.replace('task_success.connect(self.collect)', 'task_success.connect(self.collect, weak=False, dispatch_uid=id(self))'),
  );
  const { findings } = await analyzeText(before, 'python', getBundledCatalog());
  assert.match(findings.find((f) => f.code === 'weak-local-receiver')!.message, /same method of another instance .* dispatch_uid/);
});
