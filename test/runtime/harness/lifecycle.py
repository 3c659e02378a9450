"""Makes Celery send its signals the way it does in production, in one process.

Tasks go through a real worker (`app.Worker`, solo pool, in-memory broker and result backend),
so Celery itself sends the task, worker and logging signals with their real senders. A task's
body is swapped for one that succeeds, fails or retries on demand: the handlers are under test,
not the task. The few signals whose component cannot run here (prefork children, eventlet, the
CLI preload step) are sent by hand with the sender and keywords Celery's own call site uses.
"""
import datetime
import os
import sys
import signal as os_signal
import threading
import time

from celery import Celery, signals
from celery.app.task import Task

PUBLISH_SIGNALS = {'before_task_publish', 'after_task_publish', 'task_sent'}
TASK_SENDER_SIGNALS = PUBLISH_SIGNALS | {
    'task_prerun', 'task_postrun', 'task_success', 'task_failure', 'task_retry', 'task_revoked',
    'task_internal_error'}
HOSTNAME_SIGNALS = {'celeryd_init', 'celeryd_after_setup', 'worker_shutting_down'}
NOT_FROM_WORKER = PUBLISH_SIGNALS | {
    'beat_init', 'beat_embedded_init', 'eventlet_pool_started', 'eventlet_pool_preshutdown',
    'eventlet_pool_postshutdown', 'eventlet_pool_apply', 'user_preload_options',
    'test_worker_starting', 'test_worker_started', 'test_worker_stopped'}
WAIT_FOR_TASKS_SECONDS = 8.0


def _celery_signal_names():
    from celery.utils.dispatch.signal import Signal
    return {name for name in dir(signals) if isinstance(getattr(signals, name), Signal)}


class Lifecycle:
    def __init__(self, module, observer, workdir):
        self.module = module
        self.observer = observer
        self.workdir = workdir
        self.modes = {}
        self.finished = set()
        self.expected = set()
        self.notes = []
        self.complete = True
        self.worker_hostname = None

    # -- setup ------------------------------------------------------------------------------
    def find_app(self):
        # type(), not isinstance(): isinstance() on a task proxy would evaluate it (and load config)
        apps = [v for v in vars(self.module).values() if issubclass(type(v), Celery)]
        return apps[0] if apps else Celery('harness', set_as_current=True)

    def connected(self):
        return {record.signal_name for record in self.observer.connects}

    def string_senders(self, signal_names):
        return [r.sender_value for r in self.observer.connects
                if r.signal_name in signal_names and isinstance(r.sender_value, str)]

    def configure(self, app):
        self.drop_missing_config_source(app)
        app.conf.broker_url = 'memory://'
        app.conf.result_backend = 'cache+memory://'
        app.conf.broker_transport_options = {'polling_interval': 0.01}
        app.conf.worker_timer_precision = 0.05   # the worker's timer thread wakes fast, so it stops fast

    def drop_missing_config_source(self, app):
        """`app.config_from_object('django.conf:settings')` loads lazily; the project's settings
        are not on this machine, so the app runs on Celery's defaults instead of failing."""
        source = getattr(app, '_config_source', None)
        if not isinstance(source, str):
            return
        try:
            app.loader._smart_import(source)
        except ImportError as exc:
            app._config_source = None
            self.notes.append(f'configuration {source!r} is not available here ({exc}); Celery defaults used')

    def replace_body(self, task):
        lifecycle = self

        def body(*args, **kwargs):
            request = task.request
            mode = lifecycle.modes.get(request.id, 'succeed')
            if mode == 'retry' and not request.retries:
                raise task.retry(countdown=0, max_retries=3, exc=RuntimeError('harness: retry on purpose'))
            if mode == 'cancelled':
                lifecycle.cancel_running_request(request.id)
            lifecycle.finished.add(request.id)
            if mode == 'fail':
                raise ValueError('harness: task failed on purpose')
            return 'harness-result'

        task.run = body
        task.harness_body = True
        task.typing = False     # the replacement body takes any arguments

    def cancel_running_request(self, task_id):
        """What the consumer does to a running late-ack task when the broker connection drops
        (worker_cancel_long_running_tasks_on_connection_loss): Celery's own Request method."""
        from celery.worker import state as worker_state
        for request in list(worker_state.active_requests):
            if request.id == task_id:
                request._announce_cancelled()

    def prepare_tasks(self, app):
        for name in self.string_senders(TASK_SENDER_SIGNALS) + ['harness.wakeup']:
            if name not in app.tasks:
                app.task(name=name, shared=False)(_named_task_body)
        tasks = [t for name, t in app.tasks.items()
                 if not name.startswith('celery.') and isinstance(t, Task)]
        if len(tasks) == 1:          # only the wake-up task: give unfiltered task handlers a task to see
            tasks.append(app.tasks[app.task(name='harness.probe', shared=False)(_named_task_body).name])
        receivers = self.tasks_connected_as_receivers()
        for task in tasks:
            if id(task) not in receivers:    # a task used as a receiver keeps its real body
                self.replace_body(task)
        return [t for t in tasks if t.name != 'harness.wakeup']

    def tasks_connected_as_receivers(self):
        from celery.local import Proxy
        found = set()
        for record in self.observer.connects:
            value = record.receiver_ref() if record.is_task and record.receiver_ref else None
            if isinstance(value, Proxy):
                value = value._get_current_object()
            if value is not None:
                found.add(id(value))
        return found

    # -- the run -----------------------------------------------------------------------------
    def run(self):
        self.mark('start')
        app = self.find_app()
        self.configure(app)
        needs_worker = bool(self.connected() & (_celery_signal_names() - NOT_FROM_WORKER))
        tasks = self.prepare_tasks(app)
        if needs_worker:
            for task in tasks:
                self.run_eagerly_and_propagate(task)
        self.publish(app, tasks, needs_worker)
        self.mark('published')
        if needs_worker:
            self.run_worker(app)
        self.mark('worker done')
        self.send_by_hand(app)
        self.mark('end')

    def mark(self, label):
        if os.environ.get('HARNESS_TIMING'):
            print(f'[harness] {time.monotonic():.3f} {label}', file=sys.stderr, flush=True)

    def run_eagerly_and_propagate(self, task):
        """`apply(throw=True)` is the eager+propagate path: no task_failure, but task_internal_error."""
        task_id = f'eager-fail-{task.name}'
        self.modes[task_id] = 'fail'
        try:
            task.apply(task_id=task_id, throw=True)
        except Exception:
            pass

    def publish(self, app, tasks, needs_worker):
        if needs_worker:
            with app.producer_or_acquire() as producer:
                # no task header and no protocol-1 body: the consumer rejects it (task_rejected)
                producer.publish({'not': 'a task'}, routing_key='celery', exchange='',
                                 serializer='json', headers={}, declare=[app.amqp.queues['celery']])
            app.send_task('harness.no_such_task')      # task_unknown
        past = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=5)
        for task in tasks:
            for mode in ('succeed', 'fail', 'retry', 'expired', 'cancelled'):
                task_id = f'{mode}-{task.name}'
                self.modes[task_id] = mode
                options = {'expires': past} if mode == 'expired' else {}
                task.apply_async(task_id=task_id, **options)
                if needs_worker and mode != 'expired' and getattr(task, 'harness_body', False):
                    self.expected.add(task_id)

    def hostname(self):
        """The first full node name a handler filters on (a name without `@` can never be one:
        Celery turns `-n worker1` into `celery@worker1`)."""
        names = [name for name in self.string_senders(HOSTNAME_SIGNALS) if '@' in name]
        self.worker_hostname = names[0] if names else 'celery@harness'
        return self.worker_hostname

    def run_worker(self, app):
        from celery.worker import state as worker_state
        worker = app.Worker(hostname=self.hostname(), pool='solo', concurrency=1, loglevel='WARNING',
                            redirect_stdouts=False, without_mingle=True, without_gossip=True,
                            quiet=True)
        threading.Thread(target=self.stop_worker_when_done, args=(app, worker), daemon=True).start()
        try:
            worker.start()
        except BaseException as exc:                # noqa: a crashed worker is a finding, not a harness bug
            self.complete = False
            self.notes.append(f'worker stopped with {type(exc).__name__}: {exc}')
        if not self.expected <= self.finished:
            self.complete = False
            self.notes.append('worker did not run every task')

    def stop_worker_when_done(self, app, worker):
        deadline = time.monotonic() + WAIT_FOR_TASKS_SECONDS
        while time.monotonic() < deadline and not (self.expected <= self.finished and _accepting_sigterm(worker)):
            time.sleep(0.01)
        self.mark('tasks finished')
        # the expired messages are revoked on receipt; they were published before the last tasks
        os.kill(os.getpid(), os_signal.SIGTERM)     # a warm shutdown, exactly what the CLI gets
        time.sleep(0.05)
        app.send_task('harness.wakeup')              # wakes the consumer loop so it sees the stop flag

    def send_by_hand(self, app):
        connected = self.connected()
        if 'worker_process_shutdown' in connected:
            # prefork-only (process_destructor); solo never sends it
            signals.worker_process_shutdown.send(sender=None, pid=os.getpid(), exitcode=0)
        if connected & {'beat_init', 'beat_embedded_init'}:
            self.run_beat(app)
        if any(name.startswith('eventlet_pool') for name in connected):
            self.send_eventlet_signals()
        if 'user_preload_options' in connected:
            options = {option.name: option.default for option in app.user_options.get('preload', [])}
            signals.user_preload_options.send(sender=_worker_command, app=app, options=options)
        if 'app.on_after_fork' in connected:
            app._after_fork()
        if connected & {'test_worker_starting', 'test_worker_started', 'test_worker_stopped'}:
            self.run_test_worker(app)

    def run_beat(self, app):
        from celery.beat import Service
        service = Service(app, schedule_filename=os.path.join(self.workdir, 'beat-schedule'))
        thread = threading.Thread(target=service.start, kwargs={'embedded_process': True}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline and not any(s.signal_name == 'beat_embedded_init'
                                                      for s in self.observer.sends):
            time.sleep(0.01)
        service.stop()
        thread.join(3)

    def send_eventlet_signals(self):
        pool = _EventletTaskPoolStandIn()
        signals.eventlet_pool_started.send(sender=pool)
        signals.eventlet_pool_apply.send(sender=pool, target=_worker_command, args=(), kwargs={})
        signals.eventlet_pool_preshutdown.send(sender=pool)
        signals.eventlet_pool_postshutdown.send(sender=pool)

    def run_test_worker(self, app):
        from celery.contrib.testing.worker import start_worker
        from celery.worker import state as worker_state
        worker_state.should_stop = worker_state.should_terminate = None
        try:
            with start_worker(app, pool='solo', perform_ping_check=False, shutdown_timeout=5):
                pass
        except Exception as exc:
            self.notes.append(f'test worker failed: {type(exc).__name__}: {exc}')


def _accepting_sigterm(worker):
    """True once the worker runs and has put in its warm-shutdown handler (before that, SIGTERM
    would simply kill the process)."""
    from celery import bootsteps
    return (worker.blueprint is not None and worker.blueprint.state == bootsteps.RUN
            and os_signal.getsignal(os_signal.SIGTERM) not in (os_signal.SIG_DFL, None))


def _named_task_body(*args, **kwargs):
    """Body of the tasks registered under the names that string sender filters mention."""


def _worker_command(*args, **kwargs):
    """Stands for the click command function Celery passes as the user_preload_options sender."""


class TaskPool:
    """Stand-in with the eventlet pool's class name (eventlet is not installed here)."""


_EventletTaskPoolStandIn = TaskPool
