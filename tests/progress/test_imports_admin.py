"""The admin screens of bulk enrolment: upload, preview, confirm, progress, error
report; who may see which import; no 500 on any bad file."""

# ruff: noqa: F811 - the fixtures imported from test_imports are used by name

import csv
import datetime
import io
import logging

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from learning.progress.models import Enrolment, EnrolmentImport, EnrolmentImportStatus
from tests.factories import UserFactory, make_course
from tests.progress.test_imports import (  # noqa: F401 - fixtures
    HEADER,
    admin_user,
    built_course,
    course,
    csv_bytes,
    focal_point,
    focal_point_group,
    orgs,
)

pytestmark = pytest.mark.django_db

UPLOAD = "/admin/enrolment-imports/upload/"


def detail_url(imp):
    return f"/admin/enrolment-imports/{imp.pk}/"


def post_file(client, course, data, name="people.csv", **fields):
    return client.post(
        UPLOAD,
        {
            "course": course.pk,
            "file": SimpleUploadedFile(name, data, content_type="text/csv"),
            **fields,
        },
    )


def text_of(response):
    return " ".join(
        BeautifulSoup(response.content, "html.parser").get_text(" ").split()
    )


@pytest.fixture
def as_focal_point(client, focal_point):
    client.force_login(focal_point)
    return focal_point


@pytest.fixture
def no_request_errors(caplog):
    """Fails the test if django.request logged an error (a 500)."""
    yield
    errors = [
        record
        for record in caplog.records
        if record.name == "django.request" and record.levelno >= logging.ERROR
    ]
    assert not errors, errors


def test_a_focal_point_uploads_previews_and_confirms(
    client, as_focal_point, orgs, course, django_capture_on_commit_callbacks
):
    assert client.get("/admin/enrolment-imports/").status_code == 200
    page = client.get(UPLOAD)
    assert page.status_code == 200
    assert "How to prepare the file" in page.text
    assert "amina.diallo@undp.org" in page.text, "the example"
    template = client.get("/admin/enrolment-imports/template.csv")
    assert template.content.decode("utf-8-sig").strip() == HEADER

    response = post_file(
        client,
        course,
        csv_bytes("new@undp.org,New Person,UNDP,2027-03-31"),
        default_due_date="2027-06-30",
    )
    imp = EnrolmentImport.objects.get()
    assert response["Location"] == detail_url(imp)
    preview = client.get(detail_url(imp))
    assert preview.status_code == 200
    assert "What will change" in text_of(preview)
    assert "New account, invited by email and enrolled 1" in text_of(preview)
    assert "Confirm and enrol" in preview.text
    assert not Enrolment.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(f"/admin/enrolment-imports/{imp.pk}/confirm/", follow=True)
    assert "The enrolments were applied." in done.text
    assert "What was changed" in done.text
    enrolment = Enrolment.objects.get()
    assert enrolment.learner.email == "new@undp.org"
    assert enrolment.source == "bulk" and enrolment.enrolled_by == as_focal_point
    assert [m.to for m in mail.outbox] == [["new@undp.org"]]

    again = client.post(f"/admin/enrolment-imports/{imp.pk}/confirm/", follow=True)
    assert "nothing more was applied" in again.text
    assert Enrolment.objects.count() == 1


def test_the_preview_lists_errors_without_a_confirm_button_and_offers_a_safe_report(
    client, as_focal_point, orgs, course
):
    rows = [f"bad{n}-at-undp.org,,," for n in range(120)]
    post_file(
        client,
        course,
        csv_bytes("=cmd|' /C calc'!A0,,,", "ok@undp.org,,UNDP,", *rows),
    )
    imp = EnrolmentImport.objects.get()

    preview = client.get(detail_url(imp))
    text = text_of(preview)
    assert preview.status_code == 200
    assert "121 rows have errors" in text
    assert "The first 100 of 121 rows with errors are shown" in text
    assert "“bad0-at-undp.org” is not a valid email address." in text
    assert "Confirm and enrol" not in text
    assert "confirm/" not in preview.text

    report = client.get(f"/admin/enrolment-imports/{imp.pk}/errors.csv")
    assert report["Content-Type"].startswith("text/csv")
    content = b"".join(report.streaming_content).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(content)))
    assert lines[0] == [
        "line",
        "email",
        "full_name",
        "organisation",
        "due_date",
        "problem",
    ]
    assert len(lines) == 1 + 121
    assert lines[1][0] == "2"
    assert lines[1][1] == "'=cmd|' /C calc'!A0", "a formula is never a formula again"
    assert lines[2][:2] == ["4", "bad0-at-undp.org"]

    refused = client.post(f"/admin/enrolment-imports/{imp.pk}/confirm/", follow=True)
    assert "no longer waiting for confirmation" in refused.text
    assert not Enrolment.objects.exists()


def test_a_long_import_shows_its_progress_and_refreshes(
    client, as_focal_point, orgs, course, settings
):
    settings.ENROLMENT_IMPORT_INLINE_ROWS = 2
    post_file(client, course, csv_bytes(*(f"p{n}@undp.org,,UNDP," for n in range(3))))
    imp = EnrolmentImport.objects.get()
    assert imp.status == EnrolmentImportStatus.VALIDATING  # queued on commit

    page = client.get(detail_url(imp))
    assert page.status_code == 200
    assert "0 of 3 rows checked" in text_of(page)
    assert '<meta http-equiv="refresh" content="3">' in page.text

    EnrolmentImport.objects.filter(pk=imp.pk).update(
        status=EnrolmentImportStatus.APPLYING
    )
    applying = client.get(detail_url(imp))
    assert "Applying…" in applying.text
    assert 'http-equiv="refresh"' in applying.text

    EnrolmentImport.objects.filter(pk=imp.pk).update(
        status=EnrolmentImportStatus.FAILED, error_message="Disk full."
    )
    failed = client.get(detail_url(imp))
    assert "Nothing was applied. Disk full." in text_of(failed)
    assert 'http-equiv="refresh"' not in failed.text


def test_someone_elses_import_is_not_found(client, orgs, course, focal_point):
    other = UserFactory(email="other-focal@unicef.org")
    other.focal_organisations.add(orgs["UNICEF"])
    other.groups.add(focal_point_group())
    client.force_login(focal_point)
    post_file(client, course, csv_bytes("secret@undp.org,Secret Person,UNDP,"))
    imp = EnrolmentImport.objects.get()
    client.force_login(other)

    for url in ("", "confirm/", "errors.csv"):
        method = client.post if url == "confirm/" else client.get
        # (A 404 under /admin/ is redirected to /en/admin/..., which is also a 404.)
        response = method(detail_url(imp) + url, follow=True)
        assert response.status_code == 404, url
        assert b"secret@undp.org" not in response.content
        assert b"Secret Person" not in response.content
    assert b"people.csv" not in client.get("/admin/enrolment-imports/").content
    assert EnrolmentImport.objects.get().status == EnrolmentImportStatus.READY

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(detail_url(imp)).status_code == 200


def test_people_who_may_not_enrol_cannot_upload(client, orgs, course):
    from django.contrib.auth.models import Group, Permission

    editors, _ = Group.objects.get_or_create(name="Admin access only")
    editors.permissions.add(
        Permission.objects.get(codename="access_admin"),
    )
    client.force_login(UserFactory(groups=["Admin access only"]))

    for response in (
        client.get(UPLOAD),
        client.get("/admin/enrolment-imports/"),
        post_file(client, course, csv_bytes("a@undp.org,,,")),
    ):
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
    refused = client.get(UPLOAD, follow=True)
    assert "Sorry, you do not have permission to access this area." in refused.text
    assert not EnrolmentImport.objects.exists()
    assert "Import enrolments" not in client.get("/admin/").text

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert "Import enrolments" in client.get("/admin/").text


def junk_files():
    return [
        (b"", "The submitted file is empty."),
        (HEADER.encode() + b"\r\n", "The file has no rows below its header"),
        (bytes(range(256)) * 20, "save the file as CSV UTF-8"),
        ("email\r\nJosé@undp.org\r\n".encode("cp1252"), "save the file as CSV UTF-8"),
        (b"name,phone\r\nAnn,123\r\n", "The file has no “email” column."),
        (b"email\r\n" + b"a@undp.org\r\n" * 6 * 1024 * 1024, "at most 5 MB"),
        (b"email\r\na@undp.org\x00\r\n", "This is not a CSV file."),
        (spreadsheet_bytes(), "save the file as CSV UTF-8"),  # .xlsx renamed .csv
    ]


def spreadsheet_bytes():
    workbook = openpyxl.Workbook()
    workbook.active.append(["email"])
    workbook.active.append(["a@undp.org"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("data", "message"), junk_files())
def test_bad_files_get_a_clear_400_and_change_nothing(
    client, as_focal_point, orgs, course, no_request_errors, data, message
):
    response = post_file(client, course, data)

    assert response.status_code == 400
    assert message in text_of(response)
    assert not EnrolmentImport.objects.exists()


def test_bad_form_values_get_a_400(client, as_focal_point, orgs, course):
    yesterday = (timezone.now() - datetime.timedelta(days=1)).date()
    past = post_file(
        client, course, csv_bytes("a@undp.org,,UNDP,"), default_due_date=yesterday
    )
    assert past.status_code == 400
    assert "The default due date is in the past." in past.text

    draft = make_course("Unpublished")
    draft.unpublish()
    unknown = post_file(client, draft, csv_bytes("a@undp.org,,UNDP,"))
    assert unknown.status_code == 400
    assert "Select a valid choice" in unknown.text

    missing = client.post(UPLOAD, {"course": course.pk})
    assert missing.status_code == 400
    assert not EnrolmentImport.objects.exists()

    assert client.get("/admin/enrolment-imports/999/", follow=True).status_code == 404
    assert (
        client.get(f"/admin/enrolment-imports/{course.pk}/confirm/").status_code == 405
    )
