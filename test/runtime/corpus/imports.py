# The many ways a signal reaches the module, and what the import itself can break.

# ### star import misses the signals left out of __all__
from celery.signals import *


@task_success.connect
def on_success(sender=None, **kwargs):
    print('success')


@import_modules.connect
def on_imports(sender=None, **kwargs):
    print('imports')

# ### dotted module path
import celery.signals


@celery.signals.task_failure.connect
def on_failure(sender=None, exception=None, **kwargs):
    print('failure', exception)

# ### module alias
from celery import signals as celery_signals


@celery_signals.worker_ready.connect
def on_ready(sender=None, **kwargs):
    print('ready')


@celery_signals.worker_ready.connect
def on_ready_strict(sender, hostname, **kwargs):
    print(hostname)

# ### one handler for several signals in a loop
from celery.signals import task_failure, task_success


def on_task_done(sender=None, signal=None, **kwargs):
    print(signal.name, sender.name)


for done_signal in (task_success, task_failure):
    done_signal.connect(on_task_done)

# ### connected before it is defined
from celery.signals import worker_ready

worker_ready.connect(announce)


def announce(sender=None, **kwargs):
    print('ready')

# ### multi-line connect call with comments
from celery.signals import task_postrun


def record(sender=None, task_id=None, state=None, **kwargs):
    """Keep a line per finished task."""
    print(task_id, state)


task_postrun.connect(
    record,  # the receiver
    weak=False,
    dispatch_uid='postrun-record',
)

# ### optional integration guarded by an import
try:
    from celery.signals import task_internal_error
except ImportError:
    task_internal_error = None

if task_internal_error is not None:
    @task_internal_error.connect
    def on_internal_error(sender=None, exception=None, **kwargs):
        print('internal error', exception)

# ### a setup function called at the bottom of a module that already failed
from celery.signals import task_failure, worker_ready


def connect_signals():
    worker_ready.connect(on_ready, weak=False)


def on_ready(sender=None, **kwargs):
    print('ready')


@task_failure.connect
def on_failure(sender, task_id):
    print('failed', task_id)


connect_signals()
