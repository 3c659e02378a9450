# What handler bodies read: the catch-all, nested helpers, strings that mention keywords.

# ### catch-all subscripts on keys the signal does not send
from celery.signals import task_prerun, task_success


@task_success.connect
def remember(sender=None, **kwargs):
    print(kwargs["result"], kwargs["task_id"])


@task_prerun.connect
def started(sender=None, **kwargs):
    print("started", kwargs["task_id"], kwargs.get("retval"))

# ### the publish body through the catch-all
from celery.signals import before_task_publish


@before_task_publish.connect
def stamp(sender=None, **kwargs):
    headers = kwargs["headers"]
    print("publishing", headers["id"], kwargs["body"]["id"])

# ### a nested helper that is never called reads an undeclared keyword
from celery.signals import task_success


@task_success.connect
def on_success(sender=None, **kwargs):
    def describe():
        return f"{sender.name}: {result}"

    print("done", sender.name)

# ### generator words in docstrings and comments only
from celery.signals import task_postrun


@task_postrun.connect
def on_postrun(sender=None, task_id=None, **kwargs):
    """Tasks may yield chunks; we await nothing here."""
    # yield is not used
    print("finished", task_id)

# ### a handler whose body really yields
from celery.signals import task_postrun


@task_postrun.connect
def stream(sender=None, task_id=None, **kwargs):
    print("never printed", task_id)
    yield task_id
