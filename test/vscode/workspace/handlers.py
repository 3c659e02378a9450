from celery.signals import task_failure, task_prerun


@task_failure.connect
def on_failure(sender, task_id, exception):
    print(task_id, exception)


@task_prerun.connect
def before(sender, task_id, **kw):
    print(task_id)
