from celery import shared_task
from django.utils import timezone

from .exports import delete_expired_files, run_export


@shared_task(acks_late=True)
def run_report_export(export_id):
    """Redelivered if the worker dies mid-export: the job starts again."""
    export = run_export(export_id)
    return export.status if export else None


@shared_task
def delete_expired_report_exports():
    return delete_expired_files(timezone.now())
