from celery.signals import task_failure, worker_ready


@task_failure.connect
def failed(sender, exc):
    print(exc)


@worker_ready.connect
async def ready(sender):
    pass
