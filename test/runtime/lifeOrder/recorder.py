# Connected to every signal of celery.signals (but those named in RECORDER_SKIPS), this module writes
# each dispatch as a JSON line [signal, task id or null] to <CELERY_SIGNALS_ORDER_LOG>/<pid>.log, in the
# order Celery sends them. The runtime harness runs it through a real worker's life.
import json
import os

from celery import signals
from celery.utils.dispatch import Signal

LOG = os.path.join(os.environ['CELERY_SIGNALS_ORDER_LOG'], f'{os.getpid()}.log')
RECORDER_SKIPS = set()


def _task_id(sender, kwargs):
    candidates = [
        kwargs.get('task_id'),
        getattr(kwargs.get('request'), 'id', None),
        (kwargs.get('headers') or {}).get('id'),
        # task_success names no task id: its sender is the task, whose request is the running one
        getattr(getattr(sender, 'request', None), 'id', None),
    ]
    return next((c for c in candidates if isinstance(c, str)), None)


def record(sender=None, signal=None, **kwargs):
    task_id = _task_id(sender, kwargs)
    with open(LOG, 'a', encoding='utf-8') as log:
        log.write(json.dumps([signal.name, task_id]) + '\n')


for _name in dir(signals):
    _signal = getattr(signals, _name)
    if isinstance(_signal, Signal) and _name not in RECORDER_SKIPS:
        _signal.connect(record, weak=False, dispatch_uid='order-' + _name)
