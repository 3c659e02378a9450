# Task execution signals as people write them in real projects: monitoring, tracing, metrics.
# Nothing here is annotated; the agreement test asks real Celery what happens to each handler.

# ### timing with prerun/postrun keyed by task id
import time

from celery import Celery
from celery.signals import task_postrun, task_prerun

app = Celery('proj')
_started = {}


@app.task
def resize_image(path, width):
    return path


@task_prerun.connect
def remember_start(task_id=None, task=None, **kwargs):
    _started[task_id] = time.monotonic()


@task_postrun.connect
def report_duration(task_id=None, task=None, state=None, retval=None, **kwargs):
    started = _started.pop(task_id, None)
    if started is not None:
        print(f'{task.name} {state} in {time.monotonic() - started:.3f}s')

# ### failure reporting with every documented keyword, keyword-only
from celery import Celery
from celery.signals import task_failure

app = Celery('proj')


@app.task
def charge(order_id):
    return order_id


@task_failure.connect(sender=charge)
def report_charge_failure(sender=None, *, task_id, exception, args, kwargs, traceback, einfo, **extra):
    print('charge failed', task_id, repr(exception), args, kwargs, einfo.traceback[:20])

# ### success handler that names the value after the postrun keyword
from celery import Celery
from celery.signals import task_success

app = Celery('proj')


@app.task
def total(values):
    return sum(values)


@task_success.connect
def store_total(sender=None, retval=None, **kwargs):
    print('stored', retval)

# ### success handler requiring the task id, which task_success never sends
from celery import Celery
from celery.signals import task_success

app = Celery('proj')


@app.task
def ping():
    return 'pong'


@task_success.connect
def mark_done(sender, task_id, result, **kwargs):
    print('done', task_id, result)

# ### prerun handler that reads the task's own kwargs through the kwargs keyword
from celery import Celery
from celery.signals import task_prerun

app = Celery('proj')


@app.task
def send_mail(to, subject):
    return to


@task_prerun.connect
def audit(sender=None, task_id=None, args=None, kwargs=None, **rest):
    print('audit', sender.name, task_id, args, kwargs, sorted(rest))

# ### catch-all with *args only sees keywords
from celery.signals import task_postrun


@task_postrun.connect
def log_everything(*args, **kwargs):
    assert args == ()
    print('postrun', kwargs['task_id'], kwargs['state'])

# ### retry handler that reads the reason attribute
from celery.signals import task_retry


@task_retry.connect
def on_retry(sender=None, request=None, reason=None, einfo=None, **kwargs):
    print('retrying', sender.name, request.id, reason)

# ### retry handler with reason required
from celery.signals import task_retry


@task_retry.connect
def on_retry_strict(request, reason, einfo, **kwargs):
    print('retry', request.id, reason)

# ### revoked handler with every keyword required
from celery.signals import task_revoked


@task_revoked.connect
def on_revoked(sender, request, terminated, signum, expired, **kwargs):
    print('revoked', request.id, terminated, signum, expired)

# ### revoked handler expecting the task id as a keyword
from celery.signals import task_revoked


@task_revoked.connect
def forget_revoked(sender=None, task_id=None, **kwargs):
    print('forget', task_id)

# ### internal error handler
from celery.signals import task_internal_error


@task_internal_error.connect
def on_internal_error(sender=None, task_id=None, request=None, exception=None, einfo=None, **kwargs):
    print('internal error in', sender.name, task_id, exception)

# ### received handler reading the request
from celery.signals import task_received


@task_received.connect
def on_received(sender=None, request=None, **kwargs):
    print('received', request.id, request.name)

# ### unknown and rejected messages
from celery.signals import task_rejected, task_unknown


@task_unknown.connect
def on_unknown(sender=None, name=None, id=None, message=None, exc=None, **kwargs):
    print('unknown task', name, id)


@task_rejected.connect
def on_rejected(sender=None, message=None, exc=None, **kwargs):
    print('rejected', message.delivery_info)
