"""A large report export survives its worker being killed half-way: RabbitMQ hands
the unacknowledged task to the next worker, which writes the whole file, once."""

import csv
import io
import os
import signal
import uuid

import pytest
from django.http import QueryDict
from django.utils import timezone

from learning.reports.exports import fingerprint
from learning.reports.filters import describe_filters, export_query
from learning.reports.models import ExportStatus, ReportExport
from learning.reports.tasks import run_report_export
from tests.factories import UserFactory
from tests.integration.conftest import start_worker, stop_worker, wait_for
from tests.reports.world import World

pytestmark = [pytest.mark.broker, pytest.mark.django_db(transaction=True)]


def test_a_worker_killed_mid_export_leaves_one_whole_file(amqp_url, settings, tmp_path):
    from learning.celery import app

    World()
    admin = UserFactory(is_superuser=True, is_staff=True)
    params = QueryDict("ordering=learner_name")
    # The job row as the report view writes it (its own task is sent below).
    export = ReportExport.objects.create(
        requested_by=admin,
        report="completion",
        format="csv",
        query=export_query(params),
        filters=describe_filters(params),
        fingerprint=fingerprint(admin, "completion", "csv", export_query(params)),
        rows_total=7,
        created_at=timezone.now(),
    )
    queue = f"test-{uuid.uuid4().hex[:8]}"
    database = settings.DATABASES["default"]
    private = tmp_path / "private"
    marker = tmp_path / "export-started"
    env = {"PRIVATE_MEDIA_ROOT": str(private), "SLOW_EXPORT_MARKER": str(marker)}
    log = open(tmp_path / "workers.log", "w")  # noqa: SIM115 - read on failure

    # Given a worker whose export hangs after writing its first row
    doomed = start_worker(
        amqp_url, queue, database, app="tests.integration.slow_export", env=env, log=log
    )
    try:
        app.conf.task_always_eager = False
        with app.connection_for_write(amqp_url) as connection:
            run_report_export.apply_async(
                (export.pk,), connection=connection, queue=queue
            )
        app.conf.task_always_eager = True
        wait_for(marker.exists, "the export starting", log)
        assert ReportExport.objects.get().status == ExportStatus.RUNNING

        # When the worker is killed with SIGKILL in the middle of the file
        os.kill(doomed.pid, signal.SIGKILL)
        doomed.wait(timeout=10)
        assert doomed.returncode == -signal.SIGKILL
        assert not any(private.rglob("*.csv"))  # nothing half-written was kept
    finally:
        if doomed.poll() is None:
            doomed.kill()

    # Then another worker gets the task back and writes the file, once
    survivor = start_worker(amqp_url, queue, database, env=env, log=log)
    try:
        wait_for(
            lambda: ReportExport.objects.get().status == ExportStatus.DONE,
            "the redelivered task finishing the export",
            log,
        )
    finally:
        stop_worker(survivor)

    export = ReportExport.objects.get()
    assert export.rows_done == export.rows_total == 7
    files = list(private.rglob("*.csv"))
    assert [path.name for path in files] == [export.file.name.rsplit("/", 1)[-1]]
    rows = list(csv.DictReader(io.StringIO(files[0].read_text("utf-8-sig"))))
    assert len({(row["Email"], row["Course"]) for row in rows}) == 7
