"""Signal handlers for the shop: audit trail, metrics and retry bookkeeping.

Imported by shop/__init__ at worker start-up.
"""
import logging
import time

from celery.signals import (
    after_task_publish,
    before_task_publish,
    task_failure,
    task_postrun,
    task_prerun,
    task_retry,
    task_success,
)

from .tasks import charge_order, ship_order

logger = logging.getLogger("shop.audit")
_started = {}


# Correct: publish signals are sent with the task *name*, so a string filter works.
@before_task_publish.connect(sender="shop.tasks.charge_order")
def stamp_charge_headers(sender=None, headers=None, **kwargs):
    headers["published_at"] = time.time()


# Correct: task signals are sent with the task object; filter on the task itself.
@task_prerun.connect(sender=charge_order)
def start_timer(sender=None, task_id=None, **kwargs):
    _started[task_id] = time.monotonic()


@task_postrun.connect(sender=charge_order)
def stop_timer(sender=None, task_id=None, state=None, **kwargs):
    elapsed = time.monotonic() - _started.pop(task_id, time.monotonic())
    logger.info("charge %s took %.3fs (%s)", task_id, elapsed, state)


# Mistake: task_success is sent with the task object, never with its name.
@task_success.connect(sender="shop.tasks.ship_order")
def mark_shipped(sender=None, result=None, **kwargs):
    logger.info("order %s shipped", result)


# Mistake: task_success sends `result`, not `retval` (that one belongs to task_postrun).
@task_success.connect(sender=charge_order)
def record_payment(sender=None, retval=None, **kwargs):
    logger.info("payment recorded: %r", retval)


# Mistake: since Celery 4.0 the body is a tuple (args, kwargs, embed); the id is in headers.
@after_task_publish.connect
def log_publish(sender=None, body=None, **kwargs):
    logger.info("published %s as %s", sender, body["id"])


# Mistake: no **kwargs, so importing this module raises ValueError.
@task_failure.connect
def alert_on_failure(sender, task_id, exception, einfo):
    logger.error("task %s (%s) failed: %s\n%s", sender.name, task_id, exception, einfo)


# Mistake: some send sites leave `reason` out, so it needs a default.
@task_retry.connect
def count_retry(sender, request, reason, **kwargs):
    logger.warning("retrying %s: %s", request.id, reason)


# Mistake: the task is taken as the receiver; this should be sender="shop.tasks.ship_order".
@after_task_publish.connect(ship_order)
def shipment_queued(sender=None, headers=None, **kwargs):
    logger.info("shipment queued: %s", headers["id"])
