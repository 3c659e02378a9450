# Sender filters written the many ways people write them.

# ### task name kept in a constant
from celery import Celery
from celery.signals import task_prerun

app = Celery('proj')
SYNC_TASK = 'proj.handlers.sync_accounts'


@app.task(name=SYNC_TASK)
def sync_accounts():
    return 'synced'


@task_prerun.connect(sender=SYNC_TASK)
def before_sync(sender=None, **kwargs):
    print('sync starting')

# ### the name attribute of the task on a task-object signal
from celery import Celery
from celery.signals import task_success

app = Celery('proj')


@app.task
def sync_accounts():
    return 'synced'


@task_success.connect(sender=sync_accounts.name)
def after_sync(sender=None, result=None, **kwargs):
    print('synced', result)

# ### the registered task looked up in app.tasks
from celery import Celery
from celery.signals import task_success

app = Celery('proj')


@app.task
def sync_accounts():
    return 'synced'


@task_success.connect(sender=app.tasks['proj.handlers.sync_accounts'])
def after_sync(sender=None, result=None, **kwargs):
    print('synced', result)

# ### bound task as the sender, call style
from celery import Celery
from celery.signals import task_failure

app = Celery('proj')


@app.task(bind=True)
def sync_accounts(self):
    return 'synced'


def sync_failed(sender=None, task_id=None, exception=None, **kwargs):
    print('sync failed', task_id, exception)


task_failure.connect(sync_failed, sender=sync_accounts)

# ### typed handler with keyword-only defaults
from typing import Any, Optional

from celery import Celery, Task
from celery.signals import task_success

app = Celery('proj')


@app.task
def sync_accounts():
    return 'synced'


@task_success.connect(sender=sync_accounts)
def after_sync(sender: Optional[Task] = None, *, result: Any = None, **kwargs: Any) -> None:
    print('synced', result)

# ### worker node name without the name@ prefix
from celery.signals import celeryd_init


@celeryd_init.connect(sender='worker12')
def configure_worker12(sender=None, conf=None, **kwargs):
    conf.worker_prefetch_multiplier = 1

# ### worker node name in full
from celery.signals import celeryd_after_setup


@celeryd_after_setup.connect(sender='worker12@example.com')
def after_setup_worker12(sender, instance, **kwargs):
    print('configured', sender)

# ### the app as the sender of import_modules
from celery import Celery
from celery.signals import import_modules

app = Celery('proj')


@import_modules.connect(sender=app)
def modules_ready(sender=None, **kwargs):
    print('modules imported for', sender.main)

# ### a task object as the sender of worker_ready
from celery import Celery
from celery.signals import worker_ready

app = Celery('proj')


@app.task
def warm_up():
    return 'warm'


@worker_ready.connect(sender=warm_up)
def on_ready(sender=None, **kwargs):
    warm_up.delay()

# ### staticmethod in a class body connected with the decorator
from celery.signals import task_success


class Hooks:
    @task_success.connect
    @staticmethod
    def on_success(sender=None, result=None, **kwargs):
        print('success', result)

# ### plain function in a class body connected with the decorator
from celery.signals import task_success


class Hooks:
    @task_success.connect
    def on_success(sender=None, result=None, **kwargs):
        print('success', result)

# ### task created by calling app.task on a function
from celery import Celery
from celery.signals import task_success

app = Celery('proj')


def _reindex():
    return 'reindexed'


reindex = app.task(_reindex, name='proj.reindex')


@task_success.connect(sender=reindex)
def after_reindex(sender=None, result=None, **kwargs):
    print('reindex', result)

# ### explicit sender=None
from celery.signals import task_failure


@task_failure.connect(sender=None)
def any_failure(sender=None, exception=None, **kwargs):
    print('failure', exception)

# ### publish filter on the name given to the task decorator
from celery import Celery
from celery.signals import before_task_publish

app = Celery('proj')


@app.task(name='billing.charge')
def charge(order_id):
    return order_id


@before_task_publish.connect(sender='billing.charge')
def before_charge(sender=None, headers=None, **kwargs):
    headers['priority_hint'] = 'high'
