# connect() options: dispatch_uid, weak, retry, and the mistakes people make with them.

# ### dispatch_uid reused by a second handler
from celery.signals import task_success


@task_success.connect(dispatch_uid='metrics')
def count_success(sender=None, **kwargs):
    print('count')


@task_success.connect(dispatch_uid='metrics')
def time_success(sender=None, **kwargs):
    print('time')

# ### dispatch_uid makes a double import harmless
from celery.signals import task_success


def count_success(sender=None, **kwargs):
    print('count')


task_success.connect(count_success, dispatch_uid='metrics.count')
task_success.connect(count_success, dispatch_uid='metrics.count')

# ### plural senders option
from celery.signals import task_failure


@task_failure.connect(senders=None)
def on_failure(sender=None, **kwargs):
    print('failure')

# ### weak spelled as weakref
from celery.signals import worker_ready


@worker_ready.connect(weakref=False)
def on_ready(sender=None, **kwargs):
    print('ready')

# ### options given positionally after the receiver
from celery.signals import worker_ready


def on_ready(sender=None, **kwargs):
    print('ready')


worker_ready.connect(on_ready, None, False, 'ready-hook')

# ### retry=True with a handler that succeeds
from celery.signals import task_postrun


@task_postrun.connect(retry=True)
def push_metrics(sender=None, task_id=None, **kwargs):
    print('pushed', task_id)

# ### retry=True with a handler whose body always fails
from celery.signals import task_postrun


@task_postrun.connect(retry=True)
def push_metrics(sender=None, task_id=None, **kwargs):
    raise ConnectionError('metrics backend is down')

# ### a string in first position is taken as the sender
from celery.signals import before_task_publish


@before_task_publish.connect('proj.handlers.export')
def on_export(sender=None, headers=None, **kwargs):
    print('export published', headers['id'])

# ### the decorator form applied by hand
from celery.signals import task_postrun


def record(sender=None, task_id=None, **kwargs):
    print('finished', task_id)


def record_strict(sender, task_id, retval, result, **kwargs):
    print(task_id, result)


task_postrun.connect(weak=False)(record)
task_postrun.connect(sender=None)(record_strict)
