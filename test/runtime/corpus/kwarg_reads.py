# Bodies that read keyword names: NameError unless something in scope binds them.

# ### reading task_id without declaring it
from celery.signals import task_prerun


@task_prerun.connect
def log_start(sender=None, **kwargs):
    print('starting', task_id)

# ### reading it through kwargs
from celery.signals import task_prerun


@task_prerun.connect
def log_start(sender=None, **kwargs):
    print('starting', kwargs['task_id'])

# ### a module global of the same name
from celery.signals import task_prerun

task_id = 'module-level default'


@task_prerun.connect
def log_start(sender=None, **kwargs):
    print('starting', task_id)

# ### assigned before use in the body
from celery.signals import task_failure


@task_failure.connect
def report(sender=None, **kwargs):
    exception = kwargs.get('exception')
    print('failed with', exception)

# ### read inside a comprehension
from celery.signals import task_postrun


@task_postrun.connect
def summarize(sender=None, **kwargs):
    print([str(value) for value in (retval, state)])

# ### read by a nested function defined in the body
from celery.signals import after_task_publish


@after_task_publish.connect
def remember(sender=None, **kwargs):
    def describe():
        return headers['id']
    print(describe())

# ### bound by a for loop and a with statement
from celery.signals import task_success


@task_success.connect
def walk(sender=None, **kwargs):
    for result in kwargs.values():
        print(result)
    with open('/dev/null') as signal:
        print(signal.name)
