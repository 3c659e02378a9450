# Module order and odd receiver objects.

# ### handler above the task it filters on
from celery import Celery
from celery.signals import task_success

app = Celery('proj')


@task_success.connect(sender=generate_invoice)
def invoice_ready(sender=None, result=None, **kwargs):
    print('invoice', result)


@app.task
def generate_invoice(order_id):
    return order_id

# ### handler below the task it filters on
from celery import Celery
from celery.signals import task_success

app = Celery('proj')


@app.task
def generate_invoice(order_id):
    return order_id


@task_success.connect(sender=generate_invoice)
def invoice_ready(sender=None, result=None, **kwargs):
    print('invoice', result)

# ### call style with the name of the task as a string
from celery import Celery
from celery.signals import task_success

app = Celery('proj')


@app.task
def generate_invoice(order_id):
    return order_id


def invoice_ready(sender=None, result=None, **kwargs):
    print('invoice', result)


task_success.connect(invoice_ready, sender=generate_invoice.name)

# ### the deprecated task_sent with all its keywords
from celery.signals import task_sent


@task_sent.connect
def sent(sender=None, task_id=None, task=None, args=None, kwargs=None, eta=None, taskset=None, **extra):
    print('sent', task_id, eta, taskset)

# ### keyword-only shutdown details
from celery.signals import worker_shutting_down


@worker_shutting_down.connect
def draining(*, sender, sig, how, exitcode, **kwargs):
    print(sender, sig, how, exitcode)

# ### two setup_logging receivers
from celery.signals import setup_logging


@setup_logging.connect
def first(loglevel=None, **kwargs):
    print('first', loglevel)


@setup_logging.connect
def second(logfile=None, **kwargs):
    print('second', logfile)

# ### classmethod in a class body connected with the decorator
from celery.signals import task_success


class Hooks:
    @task_success.connect
    @classmethod
    def on_success(cls, sender=None, result=None, **kwargs):
        print(cls, result)
