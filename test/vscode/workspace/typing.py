from celery.signals import task_failure, task_retry




@task_retry.connect
def on_retry(sender, request, **kwargs):
    print(request)
