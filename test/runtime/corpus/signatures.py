# Parameter lists: what Celery can and cannot fill when it passes everything by keyword.

# ### defaulted positional-only parameters keep their defaults
from celery.signals import task_postrun


@task_postrun.connect
def trace_end(sender=None, task_id=None, /, *args, **kwargs):
    print('postrun', kwargs['task_id'])

# ### self on a module-level function
from celery.signals import task_success


def on_success(self, sender=None, **kwargs):
    print(self)


task_success.connect(on_success)

# ### keyword-only signal parameter
from celery.signals import worker_init


@worker_init.connect
def on_init(*, signal, sender, **kwargs):
    print(signal.name, sender)

# ### only **kwargs
from celery.signals import worker_init


@worker_init.connect
def on_init(**kwargs):
    print(sorted(kwargs))

# ### the task's kwargs taken by name, catch-all renamed
from celery.signals import task_prerun


@task_prerun.connect
def audit(sender=None, args=None, kwargs=None, **extra):
    print(args, kwargs, sorted(extra))

# ### args and kwargs required on a signal that does not send them
from celery.signals import task_success


@task_success.connect
def audit(sender, args, kwargs, **extra):
    print(args, kwargs)

# ### lambda with a captured default, kept strongly
from celery.signals import worker_ready

name = 'api'
worker_ready.connect(lambda sender=None, _name=name, **kwargs: print(_name, 'ready'), weak=False)

# ### preload options from the command line
from celery import Celery
from celery.signals import user_preload_options

app = Celery('proj')


@user_preload_options.connect
def on_preload(app=None, options=None, **kwargs):
    print('preload', options)


@user_preload_options.connect
def on_preload_ctx(ctx, options, **kwargs):
    print(ctx)

# ### eventlet pool hooks
from celery.signals import eventlet_pool_apply, eventlet_pool_started


@eventlet_pool_started.connect
def pool_started(sender=None, **kwargs):
    print('pool started')


@eventlet_pool_apply.connect
def pool_apply(sender, target, args, kwargs, **extra):
    print('apply', target)

# ### embedded test worker
from celery import Celery
from celery.contrib.testing.worker import test_worker_started, test_worker_stopped

app = Celery('proj')


@test_worker_started.connect
def started(sender=None, worker=None, consumer=None, **kwargs):
    print('test worker', worker, consumer)


@test_worker_stopped.connect
def stopped(sender=None, worker=None, consumer=None, **kwargs):
    print('stopped', consumer)

# ### process shutdown keywords
from celery.signals import worker_process_shutdown


@worker_process_shutdown.connect
def child_exit(pid, exitcode, **kwargs):
    print(pid, exitcode)


@worker_process_shutdown.connect
def child_exit_signal(pid, signum, **kwargs):
    print(pid, signum)

# ### connected, then disconnected
from celery.signals import task_success


def on_success(sender=None, **kwargs):
    print('success')


task_success.connect(on_success)
task_success.disconnect(on_success)
