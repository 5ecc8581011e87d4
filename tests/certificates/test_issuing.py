"""Issuing certificates exactly once; the learner's printed name; reissue, revoke;
the retrying task and the sweep (services called with the clock passed in)."""

import hashlib
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from learning.certificates import rendering, services, tasks
from learning.certificates.models import Certificate, CertificateStatus
from learning.certificates.services import (
    CertificateError,
    certificate_state,
    confirm_printed_name,
    issue_certificate,
    queue_missing_certificates,
    reissue_certificate,
    revoke_certificate,
)
from learning.progress.services import write_completion
from tests.certificates.factories import (
    NOW,
    fake_pdf,
    make_certificate,
    make_completion,
    make_learner,
)
from tests.factories import TEST_PASSWORD, UserFactory, fresh, make_course

pytestmark = pytest.mark.django_db

CODE_RE = re.compile(r"^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$")


@pytest.fixture(scope="module")
def built_course(module_db):
    """The course most tests complete, built once per module (a published course
    costs ~0.1 s)."""
    return make_course("ICT strategy for senior managers", estimated_hours=Decimal("6"))


@pytest.fixture
def course(built_course):
    """A fresh copy for each test."""
    return fresh(built_course)


@pytest.fixture
def renders(monkeypatch):
    """The stand-in renderer; the list records each certificate rendered."""
    calls = []

    def render(certificate):
        calls.append((certificate.code, certificate.version))
        return fake_pdf(certificate)

    monkeypatch.setattr(rendering, "render_certificate", render)
    return calls


def failing_then_rendering(monkeypatch, error, times=1):
    """A renderer that raises `error` the first `times` calls; returns the calls."""
    calls = []

    def render(certificate):
        calls.append(certificate.code)
        if len(calls) <= times:
            raise error
        return fake_pdf(certificate)

    monkeypatch.setattr(rendering, "render_certificate", render)
    return calls


def stored(certificate):
    storage = certificate.file.storage
    with storage.open(certificate.file.name, "rb") as f:
        return f.read()


def files_of(certificate):
    """Every file in storage for this certificate's code."""
    storage = certificate.file.storage
    folder = certificate.file.name.rsplit("/", 1)[0]
    return sorted(
        name for name in storage.listdir(folder)[1] if name.startswith(certificate.code)
    )


def audit(certificate, action):
    return list(
        ModelLogEntry.objects.filter(
            object_id=str(certificate.pk), action=action
        ).order_by("timestamp")
    )


def issued_emails():
    return [m for m in mail.outbox if "certificate for" in m.subject]


# Issuing ----------------------------------------------------------------------


def test_issuing_twice_gives_one_certificate_one_code_one_file(
    course, renders, django_capture_on_commit_callbacks
):
    completion = make_completion(course=course)

    with django_capture_on_commit_callbacks(execute=True):
        first = issue_certificate(completion.pk, now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        second = issue_certificate(completion.pk, now=NOW + timedelta(minutes=5))

    assert first.pk == second.pk
    assert second.code == first.code
    assert Certificate.objects.count() == 1
    assert len(renders) == 1
    assert files_of(second) == [f"{first.code}-v1.pdf"]
    assert second.sha256 == hashlib.sha256(stored(second)).hexdigest()
    assert len(issued_emails()) == 1
    assert len(audit(second, "certificates.issue")) == 1


def test_a_certificate_freezes_what_it_prints(renders):
    learner = make_learner("Amélie Ngô-Dubois", preferred_language="fr")
    completion = make_completion(
        learner,
        now=datetime(2027, 1, 31, 23, 30, tzinfo=UTC),
        score=Decimal("92.50"),
        certificate_validity_months=13,
        estimated_hours=Decimal("7.5"),
    )

    certificate = issue_certificate(completion.pk, now=NOW)

    assert CODE_RE.match(certificate.code)
    assert certificate.name_printed == "Amélie Ngô-Dubois"
    assert certificate.course_title == "ICT strategy for senior managers"
    assert certificate.language == "fr"
    assert certificate.completed_at == completion.completed_at
    assert certificate.hours == Decimal("7.5")
    assert certificate.score == Decimal("92.50")
    # 31 January 2027 + 13 months: 29 February 2028 (day clamped), same time, UTC.
    assert certificate.expires_at == datetime(2028, 2, 29, 23, 30, tzinfo=UTC)
    assert certificate.issued_at == NOW
    assert certificate.template == rendering.template_for_course(
        completion.enrolment.course
    )
    assert certificate.status == CertificateStatus.VALID
    assert certificate_state(certificate, NOW) == "valid"

    # Later changes to the name or the course do not touch what was printed.
    learner.full_name = "Someone Else"
    learner.save()
    course = completion.enrolment.course
    course.title = "Renamed course"
    course.save_revision().publish()
    certificate.refresh_from_db()
    assert certificate.name_printed == "Amélie Ngô-Dubois"
    assert certificate.course_title == "ICT strategy for senior managers"


def test_a_course_without_validity_gives_a_certificate_that_never_expires(
    course, renders
):
    certificate = issue_certificate(make_completion(course=course).pk, now=NOW)

    assert certificate.expires_at is None
    assert certificate_state(certificate, NOW + timedelta(days=3650)) == "valid"


def test_an_expired_certificate_says_so(renders):
    completion = make_completion(certificate_validity_months=12)
    certificate = issue_certificate(completion.pk, now=NOW)

    assert certificate_state(certificate, NOW + timedelta(days=364)) == "valid"
    assert certificate_state(certificate, NOW + timedelta(days=365)) == "expired"


def test_codes_are_unguessable_and_distinct():
    codes = {services.new_code() for _ in range(2000)}

    assert len(codes) == 2000
    assert all(CODE_RE.match(code) for code in codes)


def test_the_issued_email_links_to_the_certificate(
    course, renders, django_capture_on_commit_callbacks
):
    learner = make_learner(email="amina@example.org")
    completion = make_completion(learner, course)

    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue_certificate(completion.pk, now=NOW)

    (message,) = mail.outbox
    assert message.to == ["amina@example.org"]
    assert "ICT strategy for senior managers" in message.subject
    assert certificate.code in message.body
    assert "/en/my-learning/" in message.body
    assert f"/certificates/verify/{certificate.code}/" in message.body


def test_the_real_renderer_stores_the_pdf_it_hashed(
    course, django_capture_on_commit_callbacks
):
    completion = make_completion(course=course)

    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue_certificate(completion.pk, now=NOW)

    pdf = stored(certificate)
    assert pdf.startswith(b"%PDF-")
    assert certificate.sha256 == hashlib.sha256(pdf).hexdigest()
    assert certificate.file.name.endswith(f"{certificate.code}-v1.pdf")


def test_a_failed_render_leaves_the_row_for_the_next_run(course, monkeypatch):
    completion = make_completion(course=course)
    calls = failing_then_rendering(monkeypatch, OSError("disk full"))

    with pytest.raises(OSError):
        issue_certificate(completion.pk, now=NOW)
    pending = Certificate.objects.get()
    assert pending.sha256 == "" and not pending.file
    assert mail.outbox == []

    certificate = issue_certificate(completion.pk, now=NOW + timedelta(minutes=1))

    assert certificate.pk == pending.pk and certificate.code == pending.code
    assert certificate.sha256 and certificate.file
    assert calls == [pending.code, pending.code]
    assert Certificate.objects.count() == 1


# The printed name ------------------------------------------------------------------


def test_a_learner_who_has_not_confirmed_their_name_waits(
    course, renders, django_capture_on_commit_callbacks
):
    learner = make_learner("amina diallo", confirmed=False)
    completion = make_completion(learner, course)

    with django_capture_on_commit_callbacks(execute=True):
        assert issue_certificate(completion.pk, now=NOW) is None
    assert Certificate.objects.count() == 0
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        queued = confirm_printed_name(
            learner, full_name="  Amina   Diallo ", now=NOW + timedelta(hours=1)
        )

    assert queued == 1
    learner.refresh_from_db()
    assert learner.full_name == "Amina Diallo"
    assert learner.name_confirmed_at == NOW + timedelta(hours=1)
    certificate = Certificate.objects.get()
    assert certificate.completion == completion
    assert certificate.name_printed == "Amina Diallo"
    assert certificate.sha256
    assert len(issued_emails()) == 1


def test_an_empty_name_is_refused_and_changes_nothing():
    learner = make_learner("Amina Diallo", confirmed=False)

    for bad in ("", "   ", "x" * 151):
        with pytest.raises(CertificateError):
            confirm_printed_name(learner, full_name=bad, now=NOW)

    learner.refresh_from_db()
    assert learner.full_name == "Amina Diallo"
    assert learner.name_confirmed_at is None


def test_completing_a_course_issues_its_certificate(
    course, renders, django_capture_on_commit_callbacks
):
    completion = make_completion(course=course)
    enrolment = completion.enrolment
    completion.delete()  # complete it again, through progress this time

    with django_capture_on_commit_callbacks(execute=True):
        completion, created = write_completion(enrolment, quizzes=[], now=NOW)

    assert created
    certificate = Certificate.objects.get(completion=completion)
    assert certificate.sha256
    assert len(issued_emails()) == 1


# The task: retries and time limits ----------------------------------------------


@pytest.fixture
def worker_errors(monkeypatch):
    """Run tasks eagerly the way a worker runs them: a retry is run again (here at
    once) instead of the exception reaching the caller."""
    conf = tasks.issue_certificate_task.app.conf
    monkeypatch.setitem(conf, "task_eager_propagates", False)


def test_the_task_retries_a_transient_failure(
    course, monkeypatch, worker_errors, django_capture_on_commit_callbacks
):
    completion = make_completion(course=course)
    calls = failing_then_rendering(monkeypatch, OSError("storage away"), times=2)

    with django_capture_on_commit_callbacks(execute=True):
        result = tasks.issue_certificate_task.delay(completion.pk)

    assert result.successful()
    certificate = Certificate.objects.get()
    assert len(calls) == 3  # two failures, then the retry that worked
    assert set(calls) == {certificate.code}
    assert certificate.sha256 == hashlib.sha256(stored(certificate)).hexdigest()
    assert len(issued_emails()) == 1


def test_a_render_stopped_by_its_time_limit_is_retried(
    course, monkeypatch, worker_errors, django_capture_on_commit_callbacks
):
    completion = make_completion(course=course)
    calls = failing_then_rendering(monkeypatch, SoftTimeLimitExceeded())

    with django_capture_on_commit_callbacks(execute=True):
        result = tasks.issue_certificate_task.delay(completion.pk)

    assert result.successful()
    certificate = Certificate.objects.get()
    assert len(calls) == 2
    assert certificate.sha256


def test_a_render_that_always_hangs_gives_up_after_the_retries(
    course, monkeypatch, worker_errors
):
    completion = make_completion(course=course)
    calls = failing_then_rendering(monkeypatch, SoftTimeLimitExceeded(), times=99)

    result = tasks.issue_certificate_task.delay(completion.pk)

    assert result.failed()
    assert isinstance(result.result, SoftTimeLimitExceeded)
    assert len(calls) == settings.CERTIFICATE_ISSUE_MAX_RETRIES + 1
    certificate = Certificate.objects.get()
    assert certificate.sha256 == "" and mail.outbox == []


def test_the_task_is_limited_in_time_and_acknowledged_late():
    task = tasks.issue_certificate_task

    assert task.acks_late is True
    assert task.soft_time_limit == settings.CERTIFICATE_RENDER_SOFT_TIME_LIMIT
    assert task.time_limit > task.soft_time_limit


# The sweep --------------------------------------------------------------------


def test_the_sweep_issues_what_is_missing_and_nothing_else(
    course, renders, django_capture_on_commit_callbacks
):
    sweep_at = NOW + timedelta(hours=1)
    missing = make_completion(course=course, now=NOW)
    unfinished = make_completion(course=course, now=NOW)
    unfinished_certificate = make_certificate(unfinished, with_file=False)
    recent = make_completion(course=course, now=sweep_at - timedelta(minutes=2))
    unconfirmed = make_completion(course=course, now=NOW, confirmed=False)
    done = make_certificate(make_completion(course=course, now=NOW))
    revoked = make_certificate(
        make_completion(course=course, now=NOW),
        with_file=False,
        status=CertificateStatus.REVOKED,
    )

    with django_capture_on_commit_callbacks(execute=True):
        queued = queue_missing_certificates(now=sweep_at)

    assert queued == 2
    assert Certificate.objects.get(completion=missing).sha256
    finished = Certificate.objects.get(completion=unfinished)
    assert finished.sha256 and finished.code == unfinished_certificate.code
    assert not Certificate.objects.filter(completion__in=[recent, unconfirmed]).exists()
    assert Certificate.objects.get(pk=done.pk).sha256 == done.sha256
    assert Certificate.objects.get(pk=revoked.pk).sha256 == ""
    assert len(renders) == 2

    with django_capture_on_commit_callbacks(execute=True):
        assert queue_missing_certificates(now=sweep_at) == 0


def test_the_sweep_takes_a_bounded_batch(course, renders, settings):
    settings.CERTIFICATE_SWEEP_BATCH = 2
    for _ in range(4):
        make_completion(course=course)

    assert queue_missing_certificates(now=NOW + timedelta(hours=1)) == 2


def test_the_sweep_is_a_beat_task():
    entries = [e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()]

    assert "learning.certificates.tasks.sweep_missing_certificates" in entries


# Revoke and reissue --------------------------------------------------------------


@pytest.fixture
def admin_user():
    return UserFactory(is_superuser=True, is_staff=True)


def test_revoking_needs_a_reason_and_then_tells_the_learner(
    course, renders, admin_user, django_capture_on_commit_callbacks
):
    certificate = issue_certificate(make_completion(course=course).pk, now=NOW)
    mail.outbox.clear()

    with pytest.raises(CertificateError):
        revoke_certificate(certificate, by=admin_user, reason="  ", now=NOW)
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID

    later = NOW + timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        revoked = revoke_certificate(
            certificate,
            by=admin_user,
            reason="Completed on a shared account",
            now=later,
        )
    with django_capture_on_commit_callbacks(execute=True):
        revoke_certificate(certificate, by=admin_user, reason="Again", now=later)

    revoked.refresh_from_db()
    assert revoked.status == CertificateStatus.REVOKED
    assert revoked.revoked_at == later
    assert revoked.revoke_reason == "Completed on a shared account"
    assert certificate_state(revoked, later) == "revoked"
    (message,) = mail.outbox
    assert "revoked" in message.subject
    assert "Completed on a shared account" in message.body
    (entry,) = audit(revoked, "certificates.revoke")
    assert entry.user == admin_user
    assert entry.data["reason"] == "Completed on a shared account"


def test_reissuing_keeps_the_code_and_the_old_file(course, renders, admin_user):
    learner = make_learner("Amina Dialo")
    certificate = issue_certificate(make_completion(learner, course).pk, now=NOW)
    old_name, old_sha = certificate.file.name, certificate.sha256
    confirm_printed_name(learner, full_name="Amina Diallo", now=NOW)

    reissued = reissue_certificate(
        certificate, by=admin_user, reason="Name misspelt", now=NOW + timedelta(days=1)
    )

    reissued.refresh_from_db()
    assert reissued.code == certificate.code
    assert reissued.version == 2
    assert reissued.name_printed == "Amina Diallo"
    assert reissued.sha256 != old_sha
    assert reissued.sha256 == hashlib.sha256(stored(reissued)).hexdigest()
    assert b"Amina Diallo" in stored(reissued)
    assert reissued.file.name != old_name
    assert files_of(reissued) == [f"{reissued.code}-v1.pdf", f"{reissued.code}-v2.pdf"]
    with reissued.file.storage.open(old_name, "rb") as f:
        assert hashlib.sha256(f.read()).hexdigest() == old_sha
    (entry,) = audit(reissued, "certificates.reissue")
    assert entry.user == admin_user
    assert entry.data["reason"] == "Name misspelt"
    assert entry.data["old_sha256"] == old_sha
    assert entry.data["new_sha256"] == reissued.sha256
    assert Certificate.objects.count() == 1


def test_a_revoked_certificate_is_not_reissued(course, renders, admin_user):
    certificate = issue_certificate(make_completion(course=course).pk, now=NOW)
    revoke_certificate(certificate, by=admin_user, reason="Fraud", now=NOW)

    with pytest.raises(CertificateError):
        reissue_certificate(certificate, by=admin_user, reason="", now=NOW)

    certificate.refresh_from_db()
    assert certificate.version == 1


# The name confirmation page ------------------------------------------------------


def test_the_confirmation_page_needs_a_login(client):
    response = client.get(reverse("certificates:confirm_name"))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_confirmation_page_shows_the_name_and_confirms_it(
    client, course, renders, django_capture_on_commit_callbacks
):
    learner = make_learner("Amina Diallo", confirmed=False)
    make_completion(learner, course)
    client.login(email=learner.email, password=TEST_PASSWORD)
    url = reverse("certificates:confirm_name")

    page = client.get(url)
    assert page.status_code == 200
    assert 'value="Amina Diallo"' in page.text
    assert "letter for letter" in page.text
    assert "One certificate is waiting" in page.text

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"full_name": "Amina Diallo-Sow"})

    assert response.status_code == 302
    assert response["Location"] == reverse("progress:dashboard")
    learner.refresh_from_db()
    assert learner.name_confirmed_at is not None
    assert Certificate.objects.get().name_printed == "Amina Diallo-Sow"


def test_an_empty_name_gets_a_400_and_changes_nothing(client):
    learner = make_learner("Amina Diallo", confirmed=False)
    client.login(email=learner.email, password=TEST_PASSWORD)

    response = client.post(reverse("certificates:confirm_name"), {"full_name": "  "})

    assert response.status_code == 400
    assert "Enter your name as it should be printed" in response.text
    learner.refresh_from_db()
    assert learner.full_name == "Amina Diallo" and learner.name_confirmed_at is None


def test_the_page_returns_only_to_a_local_next(client):
    learner = make_learner(confirmed=False)
    client.login(email=learner.email, password=TEST_PASSWORD)
    url = reverse("certificates:confirm_name")

    foreign = client.post(url, {"full_name": "C D", "next": "https://evil.example/"})
    local = client.post(url, {"full_name": "A B", "next": "/en/my-learning/?x=1"})

    # Another site is refused by name, and the name stays unconfirmed until then.
    assert foreign.status_code == 400
    assert "“next” must be a path on this site." in foreign.text
    assert local["Location"] == "/en/my-learning/?x=1"
    learner.refresh_from_db()
    assert learner.full_name == "A B"


def test_the_completion_panel_asks_for_the_name_until_it_is_confirmed(
    client, course, renders
):
    learner = make_learner(confirmed=False)
    make_completion(learner, course)
    client.login(email=learner.email, password=TEST_PASSWORD)

    before = client.get(course.url)
    assert "Confirm the name to print on your certificate" in before.text
    assert reverse("certificates:confirm_name") in before.text

    confirm_printed_name(learner, full_name="Amina Diallo", now=NOW)
    after = client.get(course.url)
    assert "Course completed" in after.text
    assert "Confirm the name to print on your certificate" not in after.text
