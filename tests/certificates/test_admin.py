"""Certificates in the Wagtail admin: a scoped, read-only listing; revoke and
reissue with a reason; history and PDF; a ZIP of the listed PDFs; bulk
regeneration of a course's certificates as a job with progress."""

import io
import zipfile
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from courses.authoring import AUTHORS
from learning.accounts.models import Organisation
from learning.accounts.roles import appoint_focal_point
from learning.certificates import rendering
from learning.certificates.admin_views import download_name
from learning.certificates.models import (
    Certificate,
    CertificateStatus,
    RegeneratedCertificate,
    RegenerationJob,
    RegenerationStatus,
)
from learning.certificates.regeneration import run_regeneration
from tests.certificates.factories import (
    NOW,
    fake_pdf,
    make_certificate,
    make_completion,
    make_learner,
)
from tests.factories import UserFactory, fresh, make_course

pytestmark = pytest.mark.django_db

INDEX = "/admin/certificates/"


@pytest.fixture(autouse=True)
def fast_renderer(monkeypatch):
    monkeypatch.setattr(rendering, "render_certificate", fake_pdf)


@pytest.fixture(scope="module")
def built(module_db):
    """The organisations, people and courses, built once per module (a published
    course costs ~0.1 s). Certificates are not: each test lists what it makes."""
    undp = Organisation.objects.create(acronym="UNDP", name="Development Programme")
    orgs = {
        "UNDP": undp,
        "UNCDF": Organisation.objects.create(
            acronym="UNCDF", name="Capital Development Fund", parent=undp
        ),
        "WFP": Organisation.objects.create(acronym="WFP", name="World Food Programme"),
    }
    focal = UserFactory(organisation=undp, full_name="Grace Mensah")
    appoint_focal_point(focal, [undp])
    return {
        "orgs": orgs,
        "focal": focal,
        "admin_user": UserFactory(is_superuser=True, is_staff=True),
        "course": make_course("Joint procurement"),
        "other_course": make_course("Change management"),
    }


# Each test gets its own copies of the module's rows (see `fresh`).


@pytest.fixture
def orgs(built):
    return {acronym: fresh(org) for acronym, org in built["orgs"].items()}


@pytest.fixture
def focal(built):
    return fresh(built["focal"])


@pytest.fixture
def admin_user(built):
    return fresh(built["admin_user"])


@pytest.fixture
def course(built):
    return fresh(built["course"])


@pytest.fixture
def other_course(built):
    """A second course, whose certificates a course filter leaves out."""
    return fresh(built["other_course"])


def certificate_of(org, name, course, **fields):
    learner = make_learner(name, organisation=org)
    return make_certificate(make_completion(learner, course), **fields)


@pytest.fixture
def three(orgs, course):
    """A certificate of a learner at UNDP, at UNCDF (under UNDP) and at WFP."""
    return {
        acronym: certificate_of(orgs[acronym], f"Learner at {acronym}", course)
        for acronym in ("UNDP", "UNCDF", "WFP")
    }


def listed(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return sorted(
        cell.get_text(strip=True)
        for cell in soup.select("table.listing tbody td.title .title-wrapper a")
    )


def snapshot():
    return (
        list(Certificate.objects.order_by("pk").values()),
        ModelLogEntry.objects.count(),
        RegenerationJob.objects.count(),
    )


# Who sees what


def test_a_focal_point_sees_their_organisations_certificates_only(client, focal, three):
    client.force_login(focal)

    response = client.get(INDEX)

    assert response.status_code == 200
    assert listed(response) == ["Learner at UNCDF", "Learner at UNDP"]
    assert "Learner at WFP" not in response.text
    assert three["UNDP"].code in response.text
    assert "UNCDF" in response.text


def test_a_superuser_sees_every_certificate(client, admin_user, three):
    client.force_login(admin_user)

    assert listed(client.get(INDEX)) == [
        "Learner at UNCDF",
        "Learner at UNDP",
        "Learner at WFP",
    ]


def test_an_author_sees_no_certificate(client, three):
    client.force_login(UserFactory(groups=[AUTHORS]))
    certificate = three["UNDP"]

    assert "/admin/certificates/" not in client.get("/admin/").text
    for url in (
        INDEX,
        f"{INDEX}zip/",
        f"{INDEX}inspect/{certificate.pk}/",
        f"{INDEX}history/{certificate.pk}/",
        f"{INDEX}download/{certificate.pk}/",
        f"{INDEX}revoke/{certificate.pk}/",
        f"{INDEX}regenerate/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert "Learner at UNDP" not in response.content.decode(errors="replace")


@pytest.mark.parametrize(
    "path",
    [
        "inspect/{pk}/",
        "history/{pk}/",
        "download/{pk}/",
        "revoke/{pk}/",
        "reissue/{pk}/",
        "edit/{pk}/",
        "delete/{pk}/",
    ],
)
def test_a_focal_point_cannot_reach_another_organisations_certificate_by_id(
    client, focal, three, path
):
    client.force_login(focal)
    url = INDEX + path.format(pk=three["WFP"].pk)
    before = snapshot()

    opened = client.get(url, follow=True)
    posted = client.post(url, {"reason": "Guessing ids"}, follow=True)

    assert opened.status_code == 404
    assert posted.status_code == 404
    assert "Learner at WFP" not in opened.text + posted.text
    assert snapshot() == before
    assert mail.outbox == []


def test_nobody_adds_edits_or_deletes_a_certificate(client, admin_user, three):
    client.force_login(admin_user)
    certificate = three["UNDP"]
    before = snapshot()

    for url in (f"{INDEX}new/", f"{INDEX}edit/{certificate.pk}/"):
        assert client.get(url).status_code == 404
    client.post(f"{INDEX}delete/{certificate.pk}/")

    assert snapshot() == before
    listing = client.get(INDEX).text
    assert "/edit/" not in listing and "/delete/" not in listing


# The listing


def test_the_listing_filters_by_course_organisation_and_status_and_searches(
    client, focal, orgs, course, other_course
):
    ada = certificate_of(orgs["UNDP"], "Ada Valid", course)
    certificate_of(orgs["UNCDF"], "Bea Expired", course, expires_at=NOW)
    certificate_of(
        orgs["UNDP"],
        "Cy Revoked",
        other_course,
        status=CertificateStatus.REVOKED,
        revoked_at=NOW,
    )
    client.force_login(focal)

    assert listed(client.get(INDEX, {"course": course.pk})) == [
        "Ada Valid",
        "Bea Expired",
    ]
    assert listed(client.get(INDEX, {"organisation": orgs["UNCDF"].pk})) == [
        "Bea Expired"
    ]
    assert listed(client.get(INDEX, {"state": "valid"})) == ["Ada Valid"]
    assert listed(client.get(INDEX, {"state": "expired"})) == ["Bea Expired"]
    assert listed(client.get(INDEX, {"state": "revoked"})) == ["Cy Revoked"]
    assert listed(client.get(INDEX, {"q": ada.code})) == ["Ada Valid"]
    assert listed(client.get(INDEX, {"q": "bea"})) == ["Bea Expired"]
    email = ada.completion.enrolment.learner.email
    assert listed(client.get(INDEX, {"q": email})) == ["Ada Valid"]


def test_the_listing_shows_each_certificates_state(client, focal, orgs, course):
    certificate_of(orgs["UNDP"], "Bea Expired", course, expires_at=NOW)
    client.force_login(focal)

    soup = BeautifulSoup(client.get(INDEX).content, "html.parser")
    row = soup.select_one("table.listing tbody tr")

    assert "Expired" in row.get_text(" ", strip=True)


@pytest.mark.parametrize("rows", [2, 20])
def test_the_listing_runs_the_same_queries_whatever_the_number_of_rows(
    client, focal, orgs, course, other_course, rows
):
    courses = [course, other_course]
    for n in range(rows):
        org = orgs["UNDP"] if n % 3 else orgs["UNCDF"]
        certificate_of(org, f"Learner {n:02}", courses[n % 2])
    client.force_login(focal)
    client.get(INDEX)  # warm caches (content types, site root)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(INDEX)

    assert response.status_code == 200
    assert len(listed(response)) == rows
    assert response.text.count("UNCDF") >= len(range(0, rows, 3))
    assert len(queries) == 17, "\n".join(q["sql"] for q in queries)


# Revoke


def test_revoking_needs_a_reason_and_changes_nothing_without_one(client, focal, three):
    client.force_login(focal)
    certificate = three["UNDP"]
    before = snapshot()

    page = client.get(f"{INDEX}revoke/{certificate.pk}/")
    response = client.post(f"{INDEX}revoke/{certificate.pk}/", {"reason": "   "})

    assert page.status_code == 200
    assert "cannot be undone" in page.text
    assert response.status_code == 400
    assert "Give a reason." in response.text
    assert snapshot() == before
    assert mail.outbox == []


def test_revoking_revokes_once_tells_the_learner_and_logs_the_reason(
    client, focal, three, django_capture_on_commit_callbacks
):
    client.force_login(focal)
    certificate = three["UNDP"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{INDEX}revoke/{certificate.pk}/", {"reason": "Completed by a proxy"}
        )
    again = client.post(f"{INDEX}revoke/{certificate.pk}/", {"reason": "Twice"})

    certificate.refresh_from_db()
    assert response.status_code == 302
    assert certificate.status == CertificateStatus.REVOKED
    assert certificate.revoke_reason == "Completed by a proxy"
    assert again.status_code == 400
    assert "already revoked" in again.text
    entries = ModelLogEntry.objects.filter(action="certificates.revoke")
    assert [(e.user, e.data["reason"]) for e in entries] == [
        (focal, "Completed by a proxy")
    ]
    assert [m.to for m in mail.outbox] == [
        [certificate.completion.enrolment.learner.email]
    ]
    history = client.get(f"{INDEX}history/{certificate.pk}/")
    assert history.status_code == 200
    assert "Certificate revoked" in history.text


# Reissue


def test_reissuing_keeps_the_code_and_bumps_the_version(client, focal, three):
    client.force_login(focal)
    certificate = three["UNDP"]
    learner = certificate.completion.enrolment.learner
    learner.full_name = "Learner at UNDP-Renamed"
    learner.save()

    refused = client.post(f"{INDEX}reissue/{certificate.pk}/", {"reason": ""})
    response = client.post(
        f"{INDEX}reissue/{certificate.pk}/", {"reason": "Name corrected"}
    )

    assert refused.status_code == 400
    reissued = Certificate.objects.get(pk=certificate.pk)
    assert response.status_code == 302
    assert reissued.code == certificate.code
    assert reissued.version == certificate.version + 1
    assert reissued.name_printed == "Learner at UNDP-Renamed"
    assert reissued.sha256 != certificate.sha256
    entry = ModelLogEntry.objects.get(action="certificates.reissue")
    assert entry.user == focal and entry.data["reason"] == "Name corrected"


def test_a_revoked_certificate_is_not_reissued(client, focal, orgs, course):
    revoked = certificate_of(
        orgs["UNDP"], "Cy Revoked", course, status=CertificateStatus.REVOKED
    )
    client.force_login(focal)
    before = snapshot()

    response = client.post(f"{INDEX}reissue/{revoked.pk}/", {"reason": "Try"})

    assert response.status_code == 400
    assert "cannot be reissued" in response.text
    assert snapshot() == before


# The PDF and the ZIP


def test_the_admin_downloads_the_current_pdf(client, focal, three):
    client.force_login(focal)
    certificate = three["UNCDF"]

    response = client.get(f"{INDEX}download/{certificate.pk}/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == fake_pdf(certificate)
    assert download_name(certificate) in response["Content-Disposition"]


def zip_names(response):
    data = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_zip_holds_exactly_the_filtered_certificates(
    client, focal, orgs, course, other_course, three
):
    certificate_of(orgs["UNDP"], "Other course", other_course)
    client.force_login(focal)

    response = client.get(f"{INDEX}zip/", {"course": course.pk})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    files = zip_names(response)
    expected = [three["UNDP"], three["UNCDF"]]
    assert files == {download_name(c): fake_pdf(c) for c in expected}
    assert all(
        name.startswith("UNSSC-certificate-joint-procurement-learner-at-")
        and name.endswith(".pdf")
        for name in files
    )
    entry = ModelLogEntry.objects.get(action="certificates.download_zip")
    assert entry.user == focal
    assert entry.data["count"] == 2
    assert entry.data["filters"] == {"course": str(course.pk)}
    assert sorted(entry.data["codes"]) == sorted(c.code for c in expected)


def test_a_zip_beyond_the_limit_is_refused_with_a_message(
    client, focal, three, settings
):
    settings.CERTIFICATE_ZIP_MAX_FILES = 1
    client.force_login(focal)
    before = snapshot()

    response = client.get(f"{INDEX}zip/")

    assert response.status_code == 400
    assert "2 certificates match these filters" in response.text
    assert "at most 1" in response.text
    assert snapshot() == before


def test_an_empty_zip_is_refused(client, focal, three):
    client.force_login(focal)

    response = client.get(f"{INDEX}zip/", {"state": "revoked"})

    assert response.status_code == 400
    assert "No certificate" in response.text


# Bulk regeneration


def test_only_superusers_regenerate(client, focal, course):
    client.force_login(focal)

    response = client.post(f"{INDEX}regenerate/", {"course": course.pk})

    assert response.status_code in (302, 403)
    assert RegenerationJob.objects.count() == 0


def test_a_regeneration_job_reissues_each_valid_certificate_and_shows_done(
    client,
    admin_user,
    orgs,
    course,
    other_course,
    three,
    django_capture_on_commit_callbacks,
):
    revoked = certificate_of(
        orgs["UNDP"], "Cy Revoked", course, status=CertificateStatus.REVOKED
    )
    elsewhere = certificate_of(orgs["UNDP"], "Other", other_course)
    client.force_login(admin_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{INDEX}regenerate/", {"course": course.pk, "reason": "New signature"}
        )

    job = RegenerationJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{INDEX}regenerate/{job.pk}/"
    assert job.status == RegenerationStatus.DONE
    assert (job.total, job.done_count) == (3, 3)
    versions = dict(Certificate.objects.values_list("pk", "version"))
    assert [versions[c.pk] for c in three.values()] == [2, 2, 2]
    assert versions[revoked.pk] == 1 and versions[elsewhere.pk] == 1
    reissues = ModelLogEntry.objects.filter(action="certificates.reissue")
    assert {e.data["reason"] for e in reissues} == {"New signature"}
    page = client.get(response["Location"])
    assert "Done: 3 of 3 certificates reissued." in page.text
    assert 'http-equiv="refresh"' not in page.text
    assert ModelLogEntry.objects.filter(action="certificates.regenerate").count() == 1


def test_asking_again_while_a_job_runs_starts_nothing_new(
    client, admin_user, course, three, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)

    with django_capture_on_commit_callbacks(execute=False):  # the worker is busy
        client.post(f"{INDEX}regenerate/", {"course": course.pk})
        again = client.post(f"{INDEX}regenerate/", {"course": course.pk})

    job = RegenerationJob.objects.get()
    assert job.status == RegenerationStatus.QUEUED
    assert again["Location"] == f"{INDEX}regenerate/{job.pk}/"
    page = client.get(again["Location"], follow=True)
    assert "already being regenerated" in page.text
    assert '<meta http-equiv="refresh" content="3">' in page.text
    assert "This page refreshes by itself." in page.text


def test_a_job_run_twice_or_redelivered_reissues_each_certificate_once(
    admin_user, course, three
):
    job = RegenerationJob.objects.create(
        course_key=course.translation_key,
        course=course,
        course_title=course.title,
        requested_by=admin_user,
        status=RegenerationStatus.RUNNING,  # its worker died after one certificate
        created_at=NOW,
    )
    first = three["UNDP"]
    RegeneratedCertificate.objects.create(job=job, certificate=first)

    run_regeneration(job.pk, now=NOW + timedelta(minutes=1))
    run_regeneration(job.pk, now=NOW + timedelta(minutes=2))

    job.refresh_from_db()
    versions = dict(Certificate.objects.values_list("pk", "version"))
    assert versions[first.pk] == 1
    assert versions[three["UNCDF"].pk] == 2 and versions[three["WFP"].pk] == 2
    assert (job.status, job.total, job.done_count) == (RegenerationStatus.DONE, 3, 3)
    assert ModelLogEntry.objects.filter(action="certificates.reissue").count() == 2


def test_a_failed_job_says_so_and_a_new_one_can_be_asked_for(
    client, admin_user, course, three, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(certificate):
        raise OSError("storage away")

    monkeypatch.setattr(rendering, "render_certificate", broken)
    client.force_login(admin_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{INDEX}regenerate/", {"course": course.pk})

    job = RegenerationJob.objects.get()
    assert job.status == RegenerationStatus.FAILED
    assert "storage away" in client.get(response["Location"]).text
    with django_capture_on_commit_callbacks(execute=False):
        client.post(f"{INDEX}regenerate/", {"course": course.pk})
    assert RegenerationJob.objects.count() == 2


def test_a_regeneration_needs_a_course(client, admin_user):
    client.force_login(admin_user)

    response = client.post(f"{INDEX}regenerate/", {"course": "999999"})

    assert response.status_code == 400
    assert RegenerationJob.objects.count() == 0


def test_a_certificates_page_and_history_link_to_no_edit_form(client, focal, three):
    client.force_login(focal)
    certificate = three["UNCDF"]

    inspect = client.get(f"{INDEX}inspect/{certificate.pk}/")
    history = client.get(f"{INDEX}history/{certificate.pk}/")

    assert inspect.status_code == 200 and history.status_code == 200
    assert certificate.code in inspect.text
    assert certificate.completion.enrolment.learner.email in inspect.text
    assert f"{INDEX}reissue/{certificate.pk}/" in inspect.text
    assert f"{INDEX}download/{certificate.pk}/" in inspect.text
    assert "/edit/" not in inspect.text + history.text
