import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learning.settings.dev")

app = Celery("learning")
# A broker that is down or stops answering must not hold up the request that queues
# a task: each Redis call gives up after half a second, and a publish is tried twice
# (the second on a fresh connection, in place of one Redis dropped) before it fails,
# about a second in all. What could not be queued, the periodic sweeps queue again
# (tests/integration/test_redis_outage.py).
app.conf.update(
    broker_transport_options={"socket_timeout": 0.5, "socket_connect_timeout": 0.5},
    task_publish_retry_policy={
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.2,
    },
)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
