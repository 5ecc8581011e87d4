"""Queuing background jobs so that a task queue that is down never fails the request
that asked for the job, and no job waits forever.

A job's row is saved first (its waiting state: queued, checking, applying), then its
task is published on commit with `publish_on_commit`. With the broker away the
publish gives up after about a second (learning/celery.py) and is logged as a
warning; the request answers as usual and the row keeps waiting. Each app's
periodic sweep (`requeue_waiting`) publishes again the jobs still waiting a few
minutes later, and marks failed those that have waited too long to be started.
The tasks claim their job by its state, so a job published twice runs once.
"""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

# A job still waiting this long after it was asked for is published again...
SWEEP_AFTER_MINUTES = 5
# ...and one still waiting this long is given up (failed, saying why).
GIVE_UP_MINUTES = 60
# At most this many jobs of one kind are published again per sweep.
SWEEP_BATCH = 100


def sweep_after():
    return timedelta(
        minutes=getattr(settings, "TASK_QUEUE_SWEEP_AFTER_MINUTES", SWEEP_AFTER_MINUTES)
    )


def give_up_after():
    return timedelta(
        minutes=getattr(settings, "TASK_QUEUE_GIVE_UP_MINUTES", GIVE_UP_MINUTES)
    )


def publish(task, *args):
    """Send `task(*args)` to the queue now: True, or False (logged) when the broker
    cannot take it. Only the broker's failure is caught: run eagerly, the task's
    own errors still reach the caller."""
    try:
        task.delay(*args)
    except OperationalError:
        logger.warning(
            "Could not queue %s%r: the task queue is unavailable; the sweep will "
            "queue it again",
            task.name,
            args,
            exc_info=True,
        )
        return False
    return True


def publish_on_commit(task, *args):
    """Publish `task(*args)` once the current transaction commits (at once outside
    one); a broker that is down is logged, never raised."""
    transaction.on_commit(partial(publish, task, *args))


def requeue_waiting(waiting, *, since, task, now, give_up):
    """Publish again the jobs of `waiting` (a queryset of jobs not yet started)
    whose `since` field is older than `sweep_after()`, oldest first, at most
    SWEEP_BATCH; stop at the first the broker refuses (it is down: the next sweep
    tries again). Before that, jobs older than `give_up_after()` are updated with
    `give_up` (their failed state) instead. Returns (published, given up)."""
    given_up = waiting.filter(**{f"{since}__lte": now - give_up_after()}).update(
        **give_up
    )
    due = (
        waiting.filter(**{f"{since}__lte": now - sweep_after()})
        .order_by(since, "pk")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    published = 0
    for pk in list(due):
        if not publish(task, pk):
            break
        published += 1
    if published or given_up:
        logger.info(
            "%s: queued %d waiting jobs again, gave up %d",
            task.name,
            published,
            given_up,
        )
    return published, given_up
