from celery import shared_task
from django.utils import timezone

from .services import close_expired_attempts


@shared_task(ignore_result=True)
def close_abandoned_attempts():
    """Periodic: close timed attempts whose learner never submitted."""
    return close_expired_attempts(now=timezone.now())
