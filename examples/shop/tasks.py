"""Order processing tasks."""
import logging

from .celery import app

logger = logging.getLogger(__name__)


@app.task(name="shop.tasks.charge_order", bind=True, max_retries=5)
def charge_order(self, order_id, amount_cents):
    logger.info("charging order %s: %s cents", order_id, amount_cents)
    return {"order_id": order_id, "charged": amount_cents}


@app.task(name="shop.tasks.ship_order")
def ship_order(order_id):
    logger.info("shipping order %s", order_id)
    return order_id


@app.task(name="shop.tasks.send_receipt")
def send_receipt(order_id, email):
    logger.info("sending receipt for %s to %s", order_id, email)


@app.task(name="shop.tasks.nightly_report")
def nightly_report():
    return "ok"
