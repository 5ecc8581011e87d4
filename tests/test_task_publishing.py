"""The task queue down while an administrator starts a background job (a large report
export, a large enrolment import, a certificate regeneration): the request still
answers, the job is saved in its waiting state and the page says it waits; once the
queue is back, the periodic sweep queues it, it runs once, and a second sweep
queues nothing. A job that could not be queued for an hour ends failed, saying why.

The outage is the task's `.delay` raising kombu's OperationalError, as a publish
to a broker that does not answer does (learning/celery.py); the real thing is in
tests/integration/test_redis_outage.py."""

import logging
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from kombu.exceptions import OperationalError
from wagtail.models import ModelLogEntry

from learning.certificates import rendering
from learning.certificates import tasks as certificate_tasks
from learning.certificates.models import (
    Certificate,
    RegenerationJob,
    RegenerationStatus,
)
from learning.progress import tasks as progress_tasks
from learning.progress.models import Enrolment, EnrolmentImport, EnrolmentImportStatus
from learning.reports import tasks as report_tasks
from learning.reports.models import ExportStatus, ReportExport
from tests.certificates.factories import (
    fake_pdf,
    make_certificate,
    make_completion,
    make_learner,
)
from tests.factories import UserFactory, make_course
from tests.progress.test_imports import csv_bytes, focal_point_group
from tests.reports.test_completion_report import REPORT
from tests.reports.world import NOW as REPORT_NOW
from tests.reports.world import World

pytestmark = pytest.mark.django_db

LATER = timedelta(minutes=10)  # past the sweep's few minutes, short of giving up
MUCH_LATER = timedelta(minutes=61)


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(REPORT_NOW)
    monkeypatch.setattr(timezone, "now", clock)
    return clock


class Outage:
    """Makes a task's publish fail as with the broker away, until `end()`; then
    counts the publishes (each runs the task eagerly, as in every test)."""

    def __init__(self, monkeypatch, task):
        self.monkeypatch, self.task = monkeypatch, task
        self.real_delay = task.delay
        self.published = []
        monkeypatch.setattr(task, "delay", self.refuse)

    def refuse(self, *args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379.")

    def end(self):
        self.monkeypatch.setattr(self.task, "delay", self.publish)

    def publish(self, *args, **kwargs):
        self.published.append(args)
        return self.real_delay(*args, **kwargs)


@pytest.fixture
def outage(monkeypatch):
    return lambda task: Outage(monkeypatch, task)


@pytest.fixture
def no_request_errors(caplog):
    """Fails the test if django.request logged an error (a 500); checks that the
    failed publish was logged as a warning."""
    yield caplog
    errors = [
        record
        for record in caplog.records
        if record.name == "django.request" and record.levelno >= logging.ERROR
    ]
    assert not errors, errors


def shown_messages(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(
        " ".join(item.get_text(" ").split())
        for item in soup.select(".messages li, .messages [role=status]")
    ) or " ".join(soup.get_text(" ").split())


def publish_warnings(caplog):
    return [
        record
        for record in caplog.records
        if record.name == "learning.tasks_queue" and record.levelno == logging.WARNING
    ]


# A large report export


@pytest.fixture
def export_world(settings, clock):
    settings.REPORT_EXPORT_INLINE_ROWS = 3
    return World()


def test_a_large_export_asked_for_while_the_queue_is_down_runs_once_it_is_back(
    client,
    export_world,
    clock,
    outage,
    no_request_errors,
    django_capture_on_commit_callbacks,
):
    focal = export_world.focal_point(export_world.undp, export_world.who)
    client.force_login(focal)
    queue = outage(report_tasks.run_report_export)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.get(f"{REPORT}?export=csv")

    assert len(callbacks) == 1, "the publish was attempted on commit"
    assert response.status_code == 302
    export = ReportExport.objects.get()
    assert response["Location"] == f"/admin/reports/exports/{export.pk}/"
    assert export.status == ExportStatus.QUEUED
    assert len(publish_warnings(no_request_errors)) == 1
    page = client.get(response["Location"])
    assert "queued; if the task queue is unavailable, it waits" in shown_messages(page)
    assert "Waiting to start" in page.text

    # A sweep before a few minutes have passed leaves it to its own task.
    queue.end()
    assert report_tasks.sweep_waiting_report_exports() == (0, 0)
    clock.now += LATER
    assert report_tasks.sweep_waiting_report_exports() == (1, 0)

    assert queue.published == [(export.pk,)]
    export.refresh_from_db()
    assert export.status == ExportStatus.DONE
    assert export.rows_done == export.rows_total == 5
    assert export.file
    clock.now += LATER
    assert report_tasks.sweep_waiting_report_exports() == (0, 0)
    assert queue.published == [(export.pk,)]
    assert ReportExport.objects.get().file.name == export.file.name


def test_a_copy_of_the_export_task_leaves_a_job_a_worker_is_running(
    client, export_world, clock, django_capture_on_commit_callbacks
):
    """The sweep's copy (or any duplicate) of the task does not start the job
    again while a worker runs it: only a task redelivered after its worker died
    does (tests/reports/test_export_jobs.py, tests/integration)."""
    client.force_login(export_world.focal_point(export_world.undp, export_world.who))
    with django_capture_on_commit_callbacks(execute=False):
        client.get(f"{REPORT}?export=csv")
    export = ReportExport.objects.get()
    assert export.status == ExportStatus.QUEUED
    ReportExport.objects.filter(pk=export.pk).update(
        status=ExportStatus.RUNNING, started_at=clock.now, rows_done=2
    )
    clock.now += LATER

    assert report_tasks.sweep_waiting_report_exports() == (0, 0)
    assert report_tasks.run_report_export.delay(export.pk).get() is None

    export.refresh_from_db()
    assert (export.status, export.rows_done, export.file.name) == (
        ExportStatus.RUNNING,
        2,
        "",
    )


# A large enrolment import


@pytest.fixture
def import_world(settings, clock):
    from learning.accounts.models import Organisation

    settings.ENROLMENT_IMPORT_INLINE_ROWS = 2
    undp, _ = Organisation.objects.get_or_create(
        acronym="UNDP", defaults={"name": "Development Programme"}
    )
    focal = UserFactory(email="focal@undp.org", organisation=undp)
    focal.focal_organisations.add(undp)
    focal.groups.add(focal_point_group())
    return focal, make_course("Joint procurement", modules=1)


def upload(client, course):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = csv_bytes(*(f"p{n}@undp.org,Person {n},UNDP," for n in range(3)))
    return client.post(
        "/admin/enrolment-imports/upload/",
        {
            "course": course.pk,
            "file": SimpleUploadedFile("people.csv", data, content_type="text/csv"),
        },
    )


def test_a_large_import_checked_and_applied_while_the_queue_is_down(
    client,
    import_world,
    clock,
    outage,
    no_request_errors,
    django_capture_on_commit_callbacks,
):
    focal, course = import_world
    client.force_login(focal)
    check_queue = outage(progress_tasks.validate_enrolment_import)
    apply_queue = outage(progress_tasks.apply_enrolment_import)

    # Uploaded while the queue is down: saved, waiting to be checked.
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, course)
    assert response.status_code == 302
    imp = EnrolmentImport.objects.get()
    assert imp.status == EnrolmentImportStatus.VALIDATING
    page = client.get(response["Location"])
    assert "if the task queue is unavailable, it waits" in shown_messages(page)

    check_queue.end()
    clock.now += LATER
    assert progress_tasks.sweep_waiting_enrolment_imports() == {
        "validating": (1, 0),
        "applying": (0, 0),
    }
    assert check_queue.published == [(imp.pk,)]
    imp.refresh_from_db()
    assert imp.status == EnrolmentImportStatus.READY

    # Confirmed while the queue is down again: applying, waiting.
    check_queue = outage(progress_tasks.validate_enrolment_import)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/enrolment-imports/{imp.pk}/confirm/")
    assert response.status_code == 302
    imp.refresh_from_db()
    assert imp.status == EnrolmentImportStatus.APPLYING
    assert not Enrolment.objects.exists()
    page = client.get(response["Location"])
    assert "if the task queue is unavailable, they wait" in shown_messages(page)
    assert len(publish_warnings(no_request_errors)) == 2

    apply_queue.end()
    clock.now += timedelta(minutes=1)
    assert progress_tasks.sweep_waiting_enrolment_imports() == {
        "validating": (0, 0),
        "applying": (0, 0),
    }, "a few minutes after the confirmation, not after the upload"
    clock.now += LATER
    assert progress_tasks.sweep_waiting_enrolment_imports() == {
        "validating": (0, 0),
        "applying": (1, 0),
    }
    assert apply_queue.published == [(imp.pk,)]
    imp.refresh_from_db()
    assert imp.status == EnrolmentImportStatus.DONE
    assert Enrolment.objects.filter(course=course).count() == 3
    assert ModelLogEntry.objects.filter(action="progress.bulk_enrol").count() == 1

    clock.now += LATER
    assert progress_tasks.sweep_waiting_enrolment_imports() == {
        "validating": (0, 0),
        "applying": (0, 0),
    }
    assert apply_queue.published == [(imp.pk,)]
    assert check_queue.published == []


# A certificate regeneration


@pytest.fixture
def regeneration_world(monkeypatch, clock):
    monkeypatch.setattr(rendering, "render_certificate", fake_pdf)
    course = make_course("Joint procurement")
    certificates = [
        make_certificate(make_completion(make_learner(name), course))
        for name in ("Amina Diallo", "Bruno Costa", "Chen Wei")
    ]
    return UserFactory(is_superuser=True, is_staff=True), course, certificates


def test_a_regeneration_asked_for_while_the_queue_is_down_runs_once_it_is_back(
    client,
    regeneration_world,
    clock,
    outage,
    no_request_errors,
    django_capture_on_commit_callbacks,
):
    admin, course, certificates = regeneration_world
    client.force_login(admin)
    queue = outage(certificate_tasks.regenerate_course_certificates)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/certificates/regenerate/", {"course": course.pk, "reason": "New"}
        )

    assert response.status_code == 302
    job = RegenerationJob.objects.get()
    assert job.status == RegenerationStatus.QUEUED
    page = client.get(response["Location"])
    messages = shown_messages(page)
    assert "is queued; if the task queue is unavailable, it waits" in messages
    assert "started" not in messages
    assert len(publish_warnings(no_request_errors)) == 1

    queue.end()
    clock.now += LATER
    assert certificate_tasks.sweep_waiting_regenerations() == (1, 0)
    assert queue.published == [(job.pk,)]
    job.refresh_from_db()
    assert (job.status, job.total, job.done_count) == (RegenerationStatus.DONE, 3, 3)
    versions = Certificate.objects.filter(pk__in=[c.pk for c in certificates])
    assert sorted(versions.values_list("version", flat=True)) == [2, 2, 2]
    assert ModelLogEntry.objects.filter(action="certificates.reissue").count() == 3

    clock.now += LATER
    assert certificate_tasks.sweep_waiting_regenerations() == (0, 0)
    assert queue.published == [(job.pk,)]


# Waiting too long


def test_jobs_that_could_not_be_queued_for_an_hour_end_failed_saying_why(
    client,
    export_world,
    import_world,
    regeneration_world,
    clock,
    outage,
    django_capture_on_commit_callbacks,
):
    focal, course = import_world
    admin, regenerated_course, _certificates = regeneration_world
    queues = [
        outage(report_tasks.run_report_export),
        outage(progress_tasks.validate_enrolment_import),
        outage(certificate_tasks.regenerate_course_certificates),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(
            export_world.focal_point(export_world.undp, export_world.who)
        )
        client.get(f"{REPORT}?export=csv")
        client.force_login(focal)
        upload(client, course)
        client.force_login(admin)
        client.post(
            "/admin/certificates/regenerate/", {"course": regenerated_course.pk}
        )

    # The queue stays down: each sweep tries again (one publish per kind, then it
    # stops for this round), until an hour has passed.
    clock.now += LATER
    assert report_tasks.sweep_waiting_report_exports() == (0, 0)
    clock.now += MUCH_LATER
    assert report_tasks.sweep_waiting_report_exports() == (0, 1)
    assert progress_tasks.sweep_waiting_enrolment_imports()["validating"] == (0, 1)
    assert certificate_tasks.sweep_waiting_regenerations() == (0, 1)
    for queue in queues:
        queue.end()
    assert report_tasks.sweep_waiting_report_exports() == (0, 0)
    assert progress_tasks.sweep_waiting_enrolment_imports()["validating"] == (0, 0)
    assert certificate_tasks.sweep_waiting_regenerations() == (0, 0)
    assert all(queue.published == [] for queue in queues)

    export = ReportExport.objects.get()
    assert export.status == ExportStatus.FAILED
    imp = EnrolmentImport.objects.get()
    assert imp.status == EnrolmentImportStatus.FAILED
    job = RegenerationJob.objects.get()
    assert job.status == RegenerationStatus.FAILED
    pages = {
        export.requested_by: f"/admin/reports/exports/{export.pk}/",
        focal: f"/admin/enrolment-imports/{imp.pk}/",
        admin: f"/admin/certificates/regenerate/{job.pk}/",
    }
    for user, url in pages.items():
        client.force_login(user)
        page = client.get(url)
        assert page.status_code == 200
        assert "The task queue was unavailable for too long" in page.text, url
    # A regeneration given up frees its course for a new request.
    assert not RegenerationJob.objects.unfinished().exists()


def test_the_sweeps_run_every_five_minutes_as_registered_tasks(settings):
    from learning.celery import app

    sweeps = {
        entry["task"]: entry["schedule"]
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if "sweep_waiting" in entry["task"]
    }
    assert sweeps == {
        "learning.reports.tasks.sweep_waiting_report_exports": 300.0,
        "learning.progress.tasks.sweep_waiting_enrolment_imports": 300.0,
        "learning.certificates.tasks.sweep_waiting_regenerations": 300.0,
    }
    assert all(name in app.tasks for name in sweeps)
