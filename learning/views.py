import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .celery import app as celery_app

logger = logging.getLogger(__name__)


def database_status():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unreachable")
        return "down"
    return "ok"


def broker_status():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
    except Exception:  # noqa: BLE001 - kombu raises many transport-specific errors
        logger.warning("Health check: broker unreachable", exc_info=True)
        return "down"
    return "ok"


@never_cache
@require_GET
def healthz(request):
    """Can the platform serve? 503 only when the database is unreachable: without a
    broker, completions are still recorded and certificates issued later."""
    status = {"database": database_status(), "broker": broker_status()}
    return JsonResponse(status, status=200 if status["database"] == "ok" else 503)
