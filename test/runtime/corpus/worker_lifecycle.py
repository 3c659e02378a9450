# Worker start-up and shutdown signals, with the senders Celery really uses.

# ### per-node configuration in celeryd_init
from celery.signals import celeryd_init


@celeryd_init.connect(sender='worker1@example.com')
def configure_worker1(sender=None, conf=None, instance=None, options=None, **kwargs):
    conf.task_default_rate_limit = '10/m'

# ### queue setup after the worker is configured
from celery.signals import celeryd_after_setup


@celeryd_after_setup.connect
def setup_direct_queue(sender, instance, conf, **kwargs):
    queue_name = f'{sender}.dq'
    print('would add queue', queue_name, instance.hostname)

# ### worker_init and worker_ready
from celery.signals import worker_init, worker_ready


@worker_init.connect
def open_pools(sender=None, **kwargs):
    print('init', type(sender).__name__)


@worker_ready.connect
def announce(sender=None, **kwargs):
    print('ready', sender.hostname)

# ### heartbeats
from celery.signals import heartbeat_sent


@heartbeat_sent.connect
def beat(sender, **kwargs):
    print('heartbeat from', type(sender).__name__)

# ### shutdown signals with their keywords
from celery.signals import worker_process_shutdown, worker_shutdown, worker_shutting_down


@worker_shutting_down.connect
def draining(sender, sig, how, exitcode, **kwargs):
    print('shutting down', sender, sig, how, exitcode)


@worker_process_shutdown.connect
def close_child(sender=None, pid=None, exitcode=None, **kwargs):
    print('child exit', pid, exitcode)


@worker_shutdown.connect
def flush_metrics(sender=None, **kwargs):
    print('worker shutdown')

# ### shutting-down handler that names the signal number like task_revoked
from celery.signals import worker_shutting_down


@worker_shutting_down.connect
def draining(sender=None, signum=None, **kwargs):
    print('got', signum)

# ### per-process init filtered on the hostname
from celery.signals import worker_process_init


@worker_process_init.connect(sender='celery@harness')
def reset_db_pool(**kwargs):
    print('reset pool')

# ### per-process init without a filter
from celery.signals import worker_process_init


@worker_process_init.connect
def reset_db_pool(sender=None, **kwargs):
    print('reset pool in', sender)

# ### ready handler that needs the consumer keyword
from celery.signals import worker_ready


@worker_ready.connect
def announce(consumer, **kwargs):
    print('ready', consumer)

# ### beat start-up
from celery import Celery
from celery.signals import beat_embedded_init, beat_init

app = Celery('proj')


@beat_init.connect
def beat_started(sender=None, **kwargs):
    print('beat scheduler', type(sender).__name__)


@beat_embedded_init.connect
def embedded_beat_started(sender, **kwargs):
    print('embedded beat', sender)
