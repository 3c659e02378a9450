# Receivers that are objects: callable instances, partials, wrappers, bound methods.

# ### callable instance without **kwargs in __call__
from celery.signals import task_success


class Counter:
    def __init__(self):
        self.total = 0

    def __call__(self, sender, result):
        self.total += 1


counter = Counter()
task_success.connect(counter)

# ### callable instance with a catch-all, created at module level
from celery.signals import task_failure


class Alert:
    def __call__(self, sender=None, task_id=None, exception=None, **extra):
        print("alert", task_id, exception)


alert = Alert()
task_failure.connect(alert)

# ### functools.partial that binds a keyword the signal also sends
import functools

from celery.signals import task_prerun


def tag(sender=None, task_id=None, label=None, **kwargs):
    print(label, task_id)


tag_with_label = functools.partial(tag, label="prerun")
task_prerun.connect(tag_with_label)
bad_tag = functools.partial(tag, None, "fixed-id")
task_prerun.connect(bad_tag)

# ### bound method of a module-level service object missing a parameter
from celery.signals import task_postrun


class Recorder:
    def record(self, sender, task_id, retval, duration, **kwargs):
        print(task_id, retval, duration)

    def record_ok(self, sender=None, task_id=None, retval=None, **kwargs):
        print(task_id, retval)


recorder = Recorder()
task_postrun.connect(recorder.record)
task_postrun.connect(recorder.record_ok)

# ### wraps-decorated handler without **kwargs
from functools import wraps

from celery.signals import task_failure


def swallow_errors(fn):
    @wraps(fn)
    def inner(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception:
            return None
    return inner


@task_failure.connect
@swallow_errors
def on_failure(sender, task_id, exception):
    print(task_id, exception)

# ### wrapper with a fixed signature around a well-formed handler
from celery.signals import task_success


def sender_only(fn):
    def call(sender):
        return fn(sender=sender)
    return call


@task_success.connect
@sender_only
def on_success(sender=None, **kwargs):
    print("ok", sender)

# ### plain wrapper without wraps around handlers
from celery.signals import task_retry


def traced(fn):
    def run(*args, **kwargs):
        print("trace", fn.__name__)
        return fn(*args, **kwargs)
    return run


@task_retry.connect
@traced
def on_retry(sender=None, reason=None, **kwargs):
    print("retry", reason)
