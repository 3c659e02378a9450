# Signals, receivers and senders reached through names the module binds itself.

# ### signal module alias used for several handlers
from celery import signals as celery_signals

events = celery_signals


@events.worker_ready.connect
def on_ready(sender=None, **kwargs):
    print("worker ready")


@events.task_retry.connect
def on_retry(sender, request, reason, einfo):
    print("retrying", reason)

# ### a signal stored in a dict-free variable and connected in a function the module calls
from celery.signals import task_prerun as before_task

started = before_task


def mark_start(sender=None, task_id=None, task=None, args=None, **kwargs):
    print("start", task_id, task)


def wire():
    started.connect(mark_start)


wire()

# ### getattr over a list of signal names kept as constants
from celery import signals


def note(sender=None, task_id=None, **kwargs):
    print("note", task_id)


getattr(signals, "task_success").connect(note)
getattr(signals, "task_failure").connect(note)

# ### each signal of a tuple loop, one handler that only fits one of them
import celery.signals as sig_mod


def log_result(sender=None, task_id=None, result=None, **kwargs):
    print(task_id, result)


def needs_exception(sender, task_id, exception, **kwargs):
    print(task_id, exception)


for hook in (sig_mod.task_success, sig_mod.task_failure):
    hook.connect(log_result)
    hook.connect(needs_exception)

# ### try/except ImportError fallback to an older signal name
try:
    from celery.signals import task_internal_error as on_broken
except ImportError:
    from celery.signals import task_failure as on_broken


@on_broken.connect
def alert(sender=None, task_id=None, exception=None, **kwargs):
    print("broken", task_id, exception)

# ### a guarded import of a signal newer than the installed Celery
try:
    from celery.signals import worker_before_create_process
except ImportError:
    worker_before_create_process = None

from celery.signals import worker_process_init


def reset_pool(sender=None, **kwargs):
    print("reset")


if worker_before_create_process is not None:
    worker_before_create_process.connect(reset_pool)
worker_process_init.connect(reset_pool)

# ### handler named after its signal, then a second connect through the name
from celery.signals import task_postrun, worker_ready


@worker_ready.connect
def worker_ready(sender=None, **kwargs):
    print("ready")


@task_postrun.connect
def cleanup(sender=None, task_id=None, **kwargs):
    print("cleanup", task_id)


worker_ready.connect(cleanup)

# ### del after connecting, with and without weak=False
from celery.signals import worker_ready, worker_shutdown


def on_ready(sender=None, **kwargs):
    print("ready")


def on_shutdown(sender=None, **kwargs):
    print("bye")


worker_ready.connect(on_ready)
worker_shutdown.connect(on_shutdown, weak=False)
del on_ready, on_shutdown

# ### a one-shot handler deleted and its name reused
from celery.signals import worker_ready


def ready_once(sender=None, **kwargs):
    print("first ready")
    worker_ready.disconnect(ready_once)


worker_ready.connect(ready_once)
del ready_once
ready_once = None

# ### app objects and task names as sender filters
from celery import Celery, current_app
from celery.signals import after_task_publish, task_postrun, worker_ready

app = Celery("proj")


@app.task
def add(x, y):
    return x + y


ADD_NAME = add.name


@worker_ready.connect(sender=app)
def ready_for_app(sender=None, **kwargs):
    print("never: the sender is the Consumer")


@worker_ready.connect(sender=current_app)
def ready_for_current(sender=None, **kwargs):
    print("never: the sender is the Consumer")


@after_task_publish.connect(sender=ADD_NAME)
def published_add(sender=None, **kwargs):
    print("published add")


@task_postrun.connect(sender=add.name)
def after_add(sender=None, **kwargs):
    print("never: the sender is the task object")
