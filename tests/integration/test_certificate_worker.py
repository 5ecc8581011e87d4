"""A certificate survives its worker being killed mid-render: RabbitMQ hands the
unacknowledged task to the next worker, which finishes it, once."""

import hashlib
import os
import signal
import uuid

import pytest

from learning.certificates.models import Certificate
from learning.certificates.tasks import issue_certificate_task
from tests.certificates.factories import make_completion
from tests.integration.conftest import start_worker, stop_worker, wait_for

pytestmark = [pytest.mark.broker, pytest.mark.django_db(transaction=True)]


def test_a_worker_killed_mid_render_leaves_exactly_one_certificate(
    amqp_url, settings, tmp_path
):
    from learning.celery import app

    completion = make_completion()
    queue = f"test-{uuid.uuid4().hex[:8]}"
    database = settings.DATABASES["default"]
    media = tmp_path / "media"
    marker = tmp_path / "render-started"
    env = {"MEDIA_ROOT": str(media), "SLOW_RENDER_MARKER": str(marker)}
    log = open(tmp_path / "workers.log", "w")  # noqa: SIM115 - read on failure

    # Given a worker whose render hangs, rendering this completion's certificate
    doomed = start_worker(
        amqp_url, queue, database, app="tests.integration.slow_render", env=env, log=log
    )
    try:
        app.conf.task_always_eager = False
        with app.connection_for_write(amqp_url) as connection:
            issue_certificate_task.apply_async(
                (completion.pk,), connection=connection, queue=queue
            )
        app.conf.task_always_eager = True
        wait_for(marker.exists, "the render starting", log)

        # When the worker is killed with SIGKILL in the middle of the render
        os.kill(doomed.pid, signal.SIGKILL)
        doomed.wait(timeout=10)
        assert doomed.returncode == -signal.SIGKILL
        assert not Certificate.objects.exclude(sha256="").exists()
        codes_before = list(Certificate.objects.values_list("code", flat=True))
    finally:
        if doomed.poll() is None:
            doomed.kill()

    # Then another worker gets the task back and issues the certificate, once
    survivor = start_worker(amqp_url, queue, database, env=env, log=log)
    try:
        wait_for(
            lambda: Certificate.objects.exclude(sha256="").exists(),
            "the redelivered task issuing the certificate",
            log,
        )
    finally:
        stop_worker(survivor)

    certificate = Certificate.objects.get()
    assert certificate.completion_id == completion.pk
    if codes_before:  # the row written before the kill keeps its code
        assert codes_before == [certificate.code]
    pdf = (media / certificate.file.name).read_bytes()
    assert pdf.startswith(b"%PDF")
    assert hashlib.sha256(pdf).hexdigest() == certificate.sha256
