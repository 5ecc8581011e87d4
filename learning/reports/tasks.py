from celery import shared_task
from django.utils import timezone

from . import subscriptions
from .exports import delete_expired_files, requeue_waiting_exports, run_export


@shared_task(bind=True, acks_late=True)
def run_report_export(self, export_id):
    """Redelivered if the worker dies mid-export: the job starts again. Any other
    copy of the task (the sweep's, say) finds the job running and leaves it."""
    redelivered = (self.request.delivery_info or {}).get("redelivered", False)
    export = run_export(export_id, restart_running=bool(redelivered))
    return export.status if export else None


@shared_task(ignore_result=True)
def sweep_waiting_report_exports():
    """Periodic: queue again the export jobs still waiting for the task queue
    (see exports.requeue_waiting_exports)."""
    return requeue_waiting_exports(now=timezone.now())


@shared_task
def delete_expired_report_exports():
    return delete_expired_files(timezone.now())


@shared_task(ignore_result=True)
def send_weekly_reports():
    """Periodic (hourly): the weekly reports that are due, each once a week."""
    return subscriptions.send_weekly_reports(now=timezone.now())
