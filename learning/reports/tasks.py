from celery import shared_task
from django.utils import timezone

from . import subscriptions
from .exports import delete_expired_files, run_export


@shared_task(acks_late=True)
def run_report_export(export_id):
    """Redelivered if the worker dies mid-export: the job starts again."""
    export = run_export(export_id)
    return export.status if export else None


@shared_task
def delete_expired_report_exports():
    return delete_expired_files(timezone.now())


@shared_task(ignore_result=True)
def send_weekly_reports():
    """Periodic (hourly): the weekly reports that are due, each once a week."""
    return subscriptions.send_weekly_reports(now=timezone.now())
