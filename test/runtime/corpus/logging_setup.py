# Logging configuration: setup_logging replaces Celery's own setup, the after_* hooks extend it.

# ### dictConfig in setup_logging
import logging.config

from celery.signals import setup_logging


@setup_logging.connect
def configure_logging(loglevel=None, logfile=None, format=None, colorize=None, **kwargs):
    logging.config.dictConfig({'version': 1, 'disable_existing_loggers': False,
                               'root': {'level': 'WARNING', 'handlers': []}})

# ### after_setup_logger and after_setup_task_logger extend Celery's handlers
import logging

from celery.signals import after_setup_logger, after_setup_task_logger


@after_setup_logger.connect
def add_file_handler(logger=None, loglevel=None, logfile=None, format=None, colorize=None, **kwargs):
    logger.addHandler(logging.NullHandler())


@after_setup_task_logger.connect
def tag_task_logger(logger, **kwargs):
    logger.propagate = True

# ### both kinds connected: the after_* hooks are silenced
import logging

from celery.signals import after_setup_logger, setup_logging


@setup_logging.connect
def keep_my_logging(**kwargs):
    pass


@after_setup_logger.connect
def add_handler(logger=None, **kwargs):
    logger.addHandler(logging.NullHandler())

# ### setup_logging from a lambda, weakly connected
import logging

from celery.signals import after_setup_task_logger, setup_logging

setup_logging.connect(lambda **kwargs: None)


@after_setup_task_logger.connect
def tag_task_logger(logger=None, **kwargs):
    logger.addHandler(logging.NullHandler())

# ### setup_logging with the logger keyword of after_setup_logger
from celery.signals import setup_logging


@setup_logging.connect
def configure(logger, loglevel=None, **kwargs):
    logger.setLevel(loglevel)
