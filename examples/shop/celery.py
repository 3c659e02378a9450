"""Celery app for the shop: orders are charged, shipped and announced by e-mail."""
from celery import Celery

app = Celery("shop", broker="redis://localhost:6379/0", backend="redis://localhost:6379/1")
app.conf.update(task_acks_late=True, task_track_started=True)
app.autodiscover_tasks(["shop"])


@app.on_after_configure.connect
def schedule_reports(sender, **kwargs):
    sender.add_periodic_task(3600.0, "shop.tasks.nightly_report", name="hourly sales report")
