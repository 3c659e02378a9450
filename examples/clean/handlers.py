"""Signal handlers written the way Celery calls them: the clean half of the demo.

`celery-signals check examples/clean` reports nothing here and exits 0.
"""
import logging
import time

from celery.signals import after_task_publish, task_failure, task_postrun, task_prerun, worker_ready

logger = logging.getLogger(__name__)
_started = {}


# Correct: the keywords task_prerun sends, and **kwargs for the rest.
@task_prerun.connect
def remember_start(sender=None, task_id=None, task=None, **kwargs):
    _started[task_id] = time.monotonic()


# Correct: task_postrun sends `retval` and `state`.
@task_postrun.connect
def log_duration(sender=None, task_id=None, retval=None, state=None, **kwargs):
    started = _started.pop(task_id, None)
    if started is not None:
        logger.info("%s finished in %.3fs (%s)", sender.name, time.monotonic() - started, state)


# Correct: einfo is a parameter, so reading it is fine.
@task_failure.connect
def report_failure(sender=None, task_id=None, exception=None, einfo=None, **kwargs):
    logger.error("task %s failed: %s\n%s", task_id, exception, einfo)


# Correct: after_task_publish is sent with the task's name, so a string sender matches.
@after_task_publish.connect(sender="shop.tasks.charge_order")
def charge_queued(sender=None, headers=None, body=None, **kwargs):
    logger.info("queued %s", headers["id"])


# Correct: a module-level function stays referenced, so the default weak=True is fine.
@worker_ready.connect
def announce(sender=None, **kwargs):
    logger.info("worker ready")
