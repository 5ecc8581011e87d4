from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from . import services

# Worth another try later: storage or network trouble, the database briefly away,
# a render stopped by its time limit. Each run is idempotent (see services).
TRANSIENT_ERRORS = (OSError, DatabaseError, SoftTimeLimitExceeded)


@shared_task(
    ignore_result=True,
    acks_late=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=settings.CERTIFICATE_ISSUE_MAX_RETRIES,
    soft_time_limit=settings.CERTIFICATE_RENDER_SOFT_TIME_LIMIT,
    time_limit=settings.CERTIFICATE_RENDER_TIME_LIMIT,
)
def issue_certificate_task(completion_id):
    """Issue the certificate of a completion (a no-op once it is issued, and while
    the learner has not confirmed their name)."""
    certificate = services.issue_certificate(completion_id, now=timezone.now())
    return certificate.code if certificate else None


@shared_task(ignore_result=True)
def sweep_missing_certificates():
    """Periodic: queue issuance for completions whose certificate is still missing
    a while after they were written (a lost task, a render that kept failing)."""
    return services.queue_missing_certificates(now=timezone.now())


@shared_task(ignore_result=True)
def send_certificate_expiry_reminders():
    """Periodic (daily): reminders before certificates expire (each claimed once)."""
    from . import expiry

    return expiry.send_certificate_expiry_reminders(now=timezone.now())


@shared_task(ignore_result=True, acks_late=True)
def regenerate_course_certificates(job_id):
    """Reissue the valid certificates of a regeneration job's course (idempotent:
    each certificate once per job; a finished job is left alone)."""
    from . import regeneration

    regeneration.run_regeneration(job_id, now=timezone.now())


@shared_task(ignore_result=True)
def sweep_waiting_regenerations():
    """Periodic: queue again the regeneration jobs still waiting for the task queue
    (see regeneration.requeue_waiting_regenerations)."""
    from . import regeneration

    return regeneration.requeue_waiting_regenerations(now=timezone.now())
