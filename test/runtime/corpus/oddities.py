# Handlers whose body never runs, task objects in the receiver slot, custom signals, stacking.

# ### async handler
from celery.signals import task_success


@task_success.connect
async def notify_async(sender=None, result=None, **kwargs):
    print('async', result)

# ### handler that is a generator
from celery.signals import task_success


@task_success.connect
def stream_result(sender=None, result=None, **kwargs):
    print('got', result)
    yield result

# ### task passed positionally to the decorator
from celery import Celery
from celery.signals import task_success

app = Celery('proj')


@app.task
def notify(*args, **kwargs):
    return 'sent'


@task_success.connect(notify)
def after_notify(sender=None, **kwargs):
    print('after notify')

# ### task connected as a receiver on purpose
from celery import Celery
from celery.signals import worker_ready

app = Celery('proj')


@app.task
def warm_cache(**kwargs):
    return 'warm'


worker_ready.connect(warm_cache)

# ### stacked connects on one handler
from celery.signals import task_failure, task_success


@task_success.connect
@task_failure.connect
def on_done(sender=None, **kwargs):
    print('done', sender.name)

# ### stacked connects, one signal does not send the parameter
from celery.signals import task_failure, task_success


@task_success.connect
@task_failure.connect
def on_done(sender, result, **kwargs):
    print('done', result)

# ### custom signal sent by the module
from celery.utils.dispatch import Signal

order_paid = Signal(name='order_paid', providing_args={'order_id', 'amount'})


@order_paid.connect
def email_receipt(sender=None, order_id=None, amount=None, **kwargs):
    print('receipt', order_id, amount)


order_paid.send(sender='shop', order_id=7, amount=12)

# ### custom signal receiver without **kwargs
from celery.utils.dispatch import Signal

order_paid = Signal(name='order_paid')


@order_paid.connect
def email_receipt(sender, order_id):
    print('receipt', order_id)

# ### shared_task proxy as the sender filter
from celery import Celery, shared_task
from celery.signals import task_postrun

app = Celery('proj')


@shared_task
def rebuild_index():
    return 'rebuilt'


@task_postrun.connect(sender=rebuild_index)
def after_rebuild(sender=None, state=None, **kwargs):
    print('rebuild', state)

# ### signal module imported as a whole
from celery import signals


@signals.task_prerun.connect
def before(sender=None, task_id=None, **kwargs):
    print('start', task_id)


@signals.worker_process_init.connect
def init_child(**kwargs):
    print('child')

# ### aliased import
from celery.signals import task_failure as failed


@failed.connect
def on_failed(sender=None, exception=None, **kwargs):
    print('failed', exception)


@failed.connect
def on_failed_strict(exc, **kwargs):
    print(exc)
