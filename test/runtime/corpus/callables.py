# Receivers that are not plain module-level functions.

# ### bound method of a module-level instance
from celery.signals import task_success


class SuccessCounter:
    def __init__(self):
        self.count = 0

    def on_success(self, sender=None, result=None, **kwargs):
        self.count += 1


counter = SuccessCounter()
task_success.connect(counter.on_success)

# ### bound method of a temporary instance
from celery.signals import task_success


class SuccessCounter:
    def on_success(self, sender=None, **kwargs):
        print('success')


task_success.connect(SuccessCounter().on_success)

# ### callable instance kept at module level
from celery.signals import task_failure


class FailureReporter:
    def __call__(self, sender=None, exception=None, **kwargs):
        print('failure', exception)


reporter = FailureReporter()
task_failure.connect(reporter)

# ### functools.partial created inline
import functools

from celery.signals import task_prerun


def tag(label, sender=None, **kwargs):
    print(label, sender)


task_prerun.connect(functools.partial(tag, 'prerun'))

# ### functools.partial kept strongly
import functools

from celery.signals import task_prerun


def tag(label, sender=None, **kwargs):
    print(label, sender)


task_prerun.connect(functools.partial(tag, 'prerun'), weak=False)

# ### closure from a factory, weakly connected
from celery.signals import worker_ready


def install_ready_hook(name):
    def hook(sender=None, **kwargs):
        print(name, 'ready')
    worker_ready.connect(hook)


install_ready_hook('api')

# ### closure from a factory kept strongly
from celery.signals import worker_ready


def install_ready_hook(name):
    @worker_ready.connect(weak=False)
    def hook(sender=None, **kwargs):
        print(name, 'ready')
    return hook


install_ready_hook('api')

# ### lambda with weak=False
from celery.signals import task_postrun

task_postrun.connect(lambda sender=None, **kwargs: print('postrun', sender), weak=False)

# ### lambda without **kwargs
from celery.signals import task_postrun

task_postrun.connect(lambda sender: print(sender), weak=False)

# ### staticmethod connected from the class
from celery.signals import worker_init


class Hooks:
    @staticmethod
    def on_init(sender=None, **kwargs):
        print('init')


worker_init.connect(Hooks.on_init)

# ### a wraps decorator that hides the inner signature
import functools

from celery.signals import task_success


def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        print('calling', fn.__name__)
        return fn(*args, **kwargs)
    return wrapper


@task_success.connect
@logged
def on_success(sender, result):
    print(result)

# ### a wraps decorator around a correct handler
import functools

from celery.signals import task_success


def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)
    return wrapper


@task_success.connect
@logged
def on_success(sender=None, result=None, **kwargs):
    print(result)

# ### method connected inside __init__ on self
from celery.signals import task_success


class Collector:
    def __init__(self):
        self.results = []
        task_success.connect(self.collect)

    def collect(self, sender=None, result=None, **kwargs):
        self.results.append(result)


collector = Collector()

# ### method connected inside __init__, instance discarded
from celery.signals import task_success


class Collector:
    def __init__(self):
        task_success.connect(self.collect)

    def collect(self, sender=None, result=None, **kwargs):
        print(result)


Collector()

# ### the same method of two instances: Celery keys bound methods by function
from celery.signals import task_failure


class Notifier:
    def __init__(self, channel):
        self.channel = channel

    def on_failure(self, sender=None, exception=None, **kwargs):
        print(self.channel, exception)


slack = Notifier('#alerts')
email = Notifier('ops@example.com')
task_failure.connect(slack.on_failure)
task_failure.connect(email.on_failure)
