"""Worker-level monitoring: metrics, health files and logging.

Loaded with `celery -A shop worker --include monitoring.handlers`.
"""
import asyncio
import logging.config
import os
from functools import partial
from pathlib import Path

from celery.signals import (
    after_setup_logger,
    heartbeat_sent,
    setup_logging,
    task_failure,
    task_sent,
    worker_process_init,
    worker_ready,
    worker_shutting_down,
)

HEALTH_FILE = Path(os.environ.get("HEALTH_FILE", "/tmp/worker-ready"))


# Correct: takes over logging configuration completely.
@setup_logging.connect
def configure_logging(loglevel=None, **kwargs):
    logging.config.dictConfig({"version": 1, "root": {"level": loglevel or "INFO"}})


# Mistake: with setup_logging connected, after_setup_logger is never sent.
@after_setup_logger.connect
def add_json_formatter(logger=None, **kwargs):
    for handler in logger.handlers:
        handler.setFormatter(logging.Formatter('{"msg": "%(message)s"}'))


# Correct.
@worker_ready.connect
def touch_health_file(sender=None, **kwargs):
    HEALTH_FILE.touch()


# Correct: the shutdown signal is sent with the node name, a string.
@worker_shutting_down.connect(sender="celery@monitoring")
def remove_health_file(sender=None, sig=None, how=None, exitcode=None, **kwargs):
    HEALTH_FILE.unlink(missing_ok=True)


# Mistake: worker_process_init is sent with sender=None, so any filter disables it.
@worker_process_init.connect(sender="celery@monitoring")
def reset_db_pool(**kwargs):
    logging.getLogger(__name__).info("child %s ready", os.getpid())


# Mistake: async handlers are called but never awaited.
@heartbeat_sent.connect
async def report_heartbeat(sender=None, **kwargs):
    await asyncio.sleep(0)


# Mistake: a partial built inline is only weakly referenced and collected at once.
task_failure.connect(partial(print, "task failed:"))


def install_debug_hooks(verbose):
    # Mistake: a nested function connected weakly disappears when install_debug_hooks returns.
    @task_failure.connect
    def dump_failure(sender=None, task_id=None, **kwargs):
        if verbose:
            print("failed:", task_id, einfo)


# Deprecated: task_sent was replaced by after_task_publish.
@task_sent.connect
def legacy_sent(sender=None, task_id=None, **kwargs):
    print("sent", task_id)
