# Publishing signals: the sender is the task name, the message parts arrive as keywords.

# ### correlation header added before publishing
from celery import Celery
from celery.signals import before_task_publish

app = Celery('proj')


@app.task
def export_report(report_id):
    return report_id


@before_task_publish.connect
def add_correlation_id(sender=None, headers=None, body=None, properties=None, **kwargs):
    headers.setdefault('correlation', 'abc123')
    print('publishing', sender, headers['id'])

# ### filter on the task name string
from celery import Celery
from celery.signals import after_task_publish

app = Celery('proj')


@app.task
def export_report(report_id):
    return report_id


@after_task_publish.connect(sender='proj.handlers.export_report')
def report_queued(sender=None, headers=None, body=None, exchange=None, routing_key=None, **kwargs):
    print('queued', headers['id'], routing_key)

# ### filter on the name attribute of the task
from celery import Celery
from celery.signals import after_task_publish

app = Celery('proj')


@app.task
def export_report(report_id):
    return report_id


@after_task_publish.connect(sender=export_report.name)
def report_queued(sender=None, headers=None, **kwargs):
    print('queued', headers['id'])

# ### filter on the task object never matches a name
from celery import Celery
from celery.signals import before_task_publish

app = Celery('proj')


@app.task
def export_report(report_id):
    return report_id


@before_task_publish.connect(sender=export_report)
def stamp(sender=None, headers=None, **kwargs):
    headers['stamped'] = True

# ### handler expecting the protocol 1 task id keyword
from celery.signals import after_task_publish


@after_task_publish.connect
def remember_id(sender=None, task_id=None, body=None, **kwargs):
    print('published', task_id)

# ### handler with every publish keyword required
from celery.signals import before_task_publish


@before_task_publish.connect
def inspect_message(sender, body, exchange, routing_key, headers, properties, declare, retry_policy, **kwargs):
    print(sender, routing_key, declare, retry_policy)

# ### handler that requires a keyword only the task_sent signal had
from celery.signals import before_task_publish


@before_task_publish.connect
def needs_eta(sender, headers, eta, **kwargs):
    print(sender, eta)

# ### a nested handler watches a publish made by the function that defines it
from celery import Celery
from celery.signals import after_task_publish

app = Celery('proj')


@app.task
def export_report(report_id):
    return report_id


def queue_and_watch(report_id):
    queued = []

    @after_task_publish.connect
    def watch_queue(sender=None, headers=None, **kwargs):
        queued.append(headers['id'])
        print('watched', headers['id'])

    export_report.delay(report_id)
    return queued


queue_and_watch(7)

# ### a nested handler whose defining function returns before anything is published
from celery import Celery
from celery.signals import after_task_publish

app = Celery('proj')


@app.task
def export_report(report_id):
    return report_id


def install_watch():
    @after_task_publish.connect
    def watch_later(sender=None, headers=None, **kwargs):
        print('watched', headers['id'])


install_watch()
