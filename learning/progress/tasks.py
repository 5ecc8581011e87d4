from celery import shared_task
from django.utils import timezone

from . import reminders
from .imports import apply_import, requeue_waiting_imports, validate_import


@shared_task(ignore_result=True)
def send_assignment_reminders():
    """Periodic (hourly): due-soon and overdue assignment reminders."""
    return reminders.send_assignment_reminders(now=timezone.now())


@shared_task(ignore_result=True)
def validate_enrolment_import(import_id):
    """Check a large enrolment import row by row (idempotent: a checked import is
    left alone)."""
    validate_import(import_id, now=timezone.now())


@shared_task(ignore_result=True)
def apply_enrolment_import(import_id):
    """Apply a confirmed enrolment import in one transaction (idempotent: only an
    import still *applying* is applied)."""
    apply_import(import_id, now=timezone.now())


@shared_task(ignore_result=True)
def sweep_waiting_enrolment_imports():
    """Periodic: queue again the checks and applications of imports still waiting
    for the task queue (see imports.requeue_waiting_imports)."""
    return requeue_waiting_imports(now=timezone.now())
