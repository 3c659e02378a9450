# Signals that live on the app instance.

# ### periodic tasks registered once the app is configured
from celery import Celery

app = Celery('proj')


@app.task
def cleanup():
    return 'ok'


@app.on_after_configure.connect
def setup_periodic_tasks(sender, **kwargs):
    sender.add_periodic_task(60.0, cleanup.s(), name='cleanup every minute')

# ### every app signal, documented keywords
from celery import Celery

app = Celery('proj')


@app.on_configure.connect
def before_config(sender=None, **kwargs):
    print('configuring', sender.main)


@app.on_after_configure.connect
def after_config(sender=None, source=None, **kwargs):
    print('configured from', type(source).__name__)


@app.on_after_finalize.connect
def finalized(sender=None, **kwargs):
    print('finalized', sender.main)   # sender.tasks here would deadlock: finalize holds a plain Lock


@app.on_after_fork.connect
def after_fork(sender=None, **kwargs):
    print('forked')

# ### after-configure handler expecting conf as a keyword
from celery import Celery

app = Celery('proj')


@app.on_after_configure.connect
def read_conf(sender, conf, **kwargs):
    print(conf.broker_url)

# ### import_modules handler
from celery.signals import import_modules


@import_modules.connect
def modules_imported(sender=None, **kwargs):
    print('imported for', sender.main)

# ### app signal on an attribute that does not exist
from celery import Celery

app = Celery('proj')


@app.on_after_start.connect
def started(sender=None, **kwargs):
    print('started')

# ### a Django project's celery.py
import os

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')

app = Celery('proj')
app.config_from_object('django.conf:settings', namespace='CELERY')
app.autodiscover_tasks()


@worker_process_init.connect
def close_db_connections(**kwargs):
    from django.db import connections
    for connection in connections.all():
        connection.close()


@app.task(bind=True, ignore_result=True)
def debug_task(self):
    print(f'Request: {self.request!r}')

# ### after-configure handler connected once the configuration was already read
from celery import Celery

app = Celery('proj')
app.conf.task_default_queue = 'default'

if app.conf.task_always_eager:
    print('eager mode')


@app.on_after_configure.connect
def setup_periodic_tasks(sender, **kwargs):
    print('adding periodic tasks')
