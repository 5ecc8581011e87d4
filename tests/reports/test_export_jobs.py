"""Large exports run as jobs: a status row, progress, a link for the requester only
that expires, one job per identical request, and a job that survives its worker
dying."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from learning.reports.exports import delete_expired_files, run_export
from learning.reports.models import ExportStatus, ReportExport, private_storage
from tests.factories import UserFactory

from .test_completion_report import REPORT, keyed
from .world import NOW, World, clock_at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_inline_limit(settings, monkeypatch):
    settings.REPORT_EXPORT_INLINE_ROWS = 3
    settings.REPORT_EXPORT_LINK_HOURS = 24
    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture(scope="module")
def world(module_db):
    """Built once for the module's tests, on their frozen clock."""
    with clock_at(NOW):
        return World()


def ask_for_export(client, query="", export_format="csv"):
    response = client.get(f"{REPORT}?{query}&export={export_format}")
    assert response.status_code == 302, response
    return response


def download(client, export):
    response = client.get(f"/admin/reports/exports/{export.pk}/download/")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_a_large_export_becomes_a_job_whose_file_holds_the_rows(
    client, world, django_capture_on_commit_callbacks
):
    focal = world.focal_point(world.undp, world.who)
    client.force_login(focal)
    with django_capture_on_commit_callbacks(execute=True):
        response = ask_for_export(client)
    export = ReportExport.objects.get()
    assert response["Location"] == f"/admin/reports/exports/{export.pk}/"
    assert export.requested_by == focal
    assert export.status == ExportStatus.DONE  # Celery runs eagerly in tests
    assert export.rows_total == export.rows_done == 5
    assert export.expires_at == NOW + timedelta(hours=24)

    page = client.get(response["Location"])
    assert "Ready: 5 rows." in page.content.decode()
    body = download(client, export).decode("utf-8").lstrip("\ufeff")
    expected = {
        key: row
        for key, row in world.expected_rows().items()
        if key[0] in ("amina@example.org", "bruno@example.org")
        or key[0].startswith(("chen", "dana"))
    }
    assert keyed(csv.DictReader(io.StringIO(body))) == expected

    entry = ModelLogEntry.objects.get(action="reports.export")
    assert entry.user == focal
    assert entry.data["rows"] == 5
    assert entry.data["streamed"] is False


def test_a_large_xlsx_export_is_a_workbook(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    with django_capture_on_commit_callbacks(execute=True):
        ask_for_export(client, "ordering=learner_name", "xlsx")
    export = ReportExport.objects.get()
    sheet = load_workbook(io.BytesIO(download(client, export))).active
    emails = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(emails) == 7
    assert export.file.name.endswith(".xlsx")


def test_asking_again_while_it_runs_does_not_start_a_second_job(client, world):
    focal = world.focal_point(world.undp, world.who)
    client.force_login(focal)
    first = ask_for_export(client, "ordering=learner_name")
    # The same filters in another order, on another page, are the same export.
    second = client.get(f"{REPORT}?export=csv&p=2&ordering=learner_name")
    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    assert ReportExport.objects.count() == 1
    export = ReportExport.objects.get()
    assert export.status == ExportStatus.QUEUED  # on_commit never ran here
    page = client.get(second["Location"])
    assert "already being prepared" in page.content.decode()
    # Another format, other filters or another person: another job.
    ask_for_export(client, "ordering=learner_name", "xlsx")
    ask_for_export(client, "ordering=-progress")
    other = world.focal_point(world.undp, world.who, email="other@example.org")
    client.force_login(other)
    ask_for_export(client, "ordering=learner_name")
    assert ReportExport.objects.unfinished().count() == 4


def test_the_export_can_be_asked_again_once_finished(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for _attempt in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            ask_for_export(client)
    assert ReportExport.objects.filter(status=ExportStatus.DONE).count() == 2


def test_another_persons_export_link_is_a_404(
    client, world, django_capture_on_commit_callbacks
):
    focal = world.focal_point(world.undp, world.who)
    client.force_login(focal)
    with django_capture_on_commit_callbacks(execute=True):
        ask_for_export(client)
    export = ReportExport.objects.get()
    for intruder in (
        world.focal_point(world.undp, email="colleague@example.org"),
        UserFactory(is_superuser=True, is_staff=True),
    ):
        client.force_login(intruder)
        for url in (
            f"/admin/reports/exports/{export.pk}/",
            f"/admin/reports/exports/{export.pk}/download/",
        ):
            assert client.get(url).status_code == 404
        listing = client.get("/admin/reports/exports/").content.decode()
        assert f"/admin/reports/exports/{export.pk}/" not in listing
    client.logout()
    response = client.get(f"/admin/reports/exports/{export.pk}/download/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_an_expired_link_is_gone(client, world, django_capture_on_commit_callbacks):
    focal = world.focal_point(world.undp, world.who)
    client.force_login(focal)
    with django_capture_on_commit_callbacks(execute=True):
        ask_for_export(client)
    export = ReportExport.objects.get()
    ReportExport.objects.filter(pk=export.pk).update(
        expires_at=NOW - timedelta(seconds=1)
    )
    response = client.get(f"/admin/reports/exports/{export.pk}/download/")
    assert response.status_code == 410
    assert "This export has expired" in response.content.decode()
    page = client.get(f"/admin/reports/exports/{export.pk}/").content.decode()
    assert "link has expired" in page
    # The hourly clean-up deletes the file and keeps the record.
    assert delete_expired_files(NOW) == 1
    export.refresh_from_db()
    assert not export.file
    assert (
        client.get(f"/admin/reports/exports/{export.pk}/download/").status_code == 410
    )


def test_a_job_left_running_by_a_dead_worker_starts_again_once(client, world):
    """A worker killed mid-export leaves the job running and its task unacked;
    the broker hands the task to another worker, which writes the file whole."""
    focal = world.focal_point(world.undp, world.who)
    client.force_login(focal)
    ask_for_export(client)
    export = ReportExport.objects.get()
    ReportExport.objects.filter(pk=export.pk).update(
        status=ExportStatus.RUNNING, rows_done=2
    )
    finished = run_export(export.pk)
    assert finished.status == ExportStatus.DONE
    assert finished.rows_done == 5
    # Delivered once more (a duplicate): a finished job is left alone.
    assert run_export(export.pk) is None
    assert ReportExport.objects.get().file.name == finished.file.name


def test_a_failing_export_says_so(client, world, monkeypatch):
    focal = world.focal_point(world.undp, world.who)
    client.force_login(focal)
    ask_for_export(client)
    export = ReportExport.objects.get()

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("learning.reports.exports.write_export", broken)
    run_export(export.pk)
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED
    assert export.error == "disk full"
    page = client.get(f"/admin/reports/exports/{export.pk}/").content.decode()
    assert "The export failed:" in page and "disk full" in page
    assert (
        client.get(f"/admin/reports/exports/{export.pk}/download/").status_code == 404
    )


def test_a_requester_who_lost_the_right_gets_no_file(client, world):
    focal = world.focal_point(world.undp, world.who)
    client.force_login(focal)
    ask_for_export(client)
    focal.focal_organisations.clear()
    focal.groups.clear()
    export = run_export(ReportExport.objects.get().pk)
    # The rows are those the requester may see when the job runs: none.
    assert export.rows_done == 0


def test_the_list_of_exports_shows_only_ones_own(
    client, world, django_capture_on_commit_callbacks
):
    focal = world.focal_point(world.undp, world.who)
    client.force_login(focal)
    with django_capture_on_commit_callbacks(execute=True):
        ask_for_export(client)
    mine = client.get("/admin/reports/exports/").content.decode()
    assert f"/admin/reports/exports/{ReportExport.objects.get().pk}/" in mine
    client.force_login(world.focal_point(world.who, email="someone@example.org"))
    theirs = client.get("/admin/reports/exports/").content.decode()
    assert "/admin/reports/exports/1/" not in theirs
    assert "You have not exported a large report yet." in theirs


def test_export_files_live_in_private_storage_outside_media():
    from django.core.files.storage import storages

    from learning.settings import base

    # The field names the callable, so a deployment's STORAGES decides where
    # exports go (Django resolves it once, when the model loads).
    storage = ReportExport._meta.get_field("file").deconstruct()[3]["storage"]
    assert storage is private_storage
    assert private_storage() is storages["private"]
    private = base.STORAGES["private"]["OPTIONS"]
    assert private["base_url"] is None
    assert base.MEDIA_ROOT not in private["location"].parents
    assert private["location"] != base.MEDIA_ROOT
