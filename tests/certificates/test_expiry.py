"""Certificates that expire: re-certification is allowed near expiry, and learners
are reminded 30 and 7 days before (once each, clock passed in)."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core import mail
from django.test import override_settings

from learning.certificates.expiry import (
    claim_reminder,
    send_certificate_expiry_reminders,
)
from learning.certificates.models import Certificate, CertificateStatus
from learning.progress.cycles import NewCycleRefused, recertification, start_new_cycle
from learning.progress.models import CourseCompletion, Enrolment
from learning.progress.services import enrol
from tests.factories import UserFactory, fresh, make_course, make_module

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
EXPIRES = NOW + timedelta(days=40)


@pytest.fixture(scope="module")
def built_course(module_db):
    """Built once per module: a published page costs ~0.1 s."""
    course = make_course("Joint procurement", certificate_validity_months=24)
    make_module(course, title="Why buy together")
    return course


@pytest.fixture
def course(built_course):
    """A fresh copy for each test."""
    return fresh(built_course)


@pytest.fixture
def learner():
    return UserFactory(email="amina@example.org", first_name="Amina", last_name="K")


def issue(learner, course, *, expires_at=EXPIRES, cycle=1, code="ABCD2345EFGH"):
    """A completion and its certificate (as issuing would write them)."""
    enrolment = Enrolment.objects.active().for_course(course).filter(learner=learner)
    enrolment = enrolment.first() or enrol(learner, course, now=NOW)
    completion = CourseCompletion.objects.create(
        enrolment=enrolment, cycle=cycle, completed_at=NOW, hours=Decimal(2)
    )
    return Certificate.objects.create(
        completion=completion,
        code=code,
        name_printed=learner.display_name,
        course_title=course.title,
        completed_at=NOW,
        hours=Decimal(2),
        issued_at=NOW,
        expires_at=expires_at,
    )


@pytest.fixture
def certificate(learner, course):
    return issue(learner, course)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the reminders at `now`, emails sent as after commit; returns the counts."""

    def run(now):
        with django_capture_on_commit_callbacks(execute=True):
            return send_certificate_expiry_reminders(now=now)

    return run


# Reminders


def test_reminders_go_out_30_and_7_days_before_expiry_once_each(certificate, run):
    assert run(NOW) == {7: 0, 30: 0}
    assert run(EXPIRES - timedelta(days=30, minutes=1)) == {7: 0, 30: 0}

    assert run(EXPIRES - timedelta(days=30)) == {7: 0, 30: 1}
    assert run(EXPIRES - timedelta(days=30)) == {7: 0, 30: 0}
    assert run(EXPIRES - timedelta(days=12)) == {7: 0, 30: 0}
    assert len(mail.outbox) == 1

    assert run(EXPIRES - timedelta(days=7)) == {7: 1, 30: 0}
    assert run(EXPIRES - timedelta(days=6)) == {7: 0, 30: 0}
    assert run(EXPIRES - timedelta(minutes=1)) == {7: 0, 30: 0}
    assert run(EXPIRES + timedelta(days=1)) == {7: 0, 30: 0}  # expired: no more

    assert len(mail.outbox) == 2
    certificate.refresh_from_db()
    assert set(certificate.expiry_reminders_sent) == {"30", "7"}
    assert (
        certificate.expiry_reminders_sent["30"]
        == (EXPIRES - timedelta(days=30)).isoformat()
    )


def test_a_reminder_says_when_it_expires_and_links_to_the_course(
    certificate, course, learner, run
):
    run(EXPIRES - timedelta(days=7))

    [email] = mail.outbox
    assert email.to == ["amina@example.org"]
    assert email.subject == (
        'Your certificate for "Joint procurement" expires on 12 December 2026'
    )
    assert "expires on 12 December 2026, 09:00 (UTC)" in email.body
    assert f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{course.url}" in email.body
    assert "Re-certify" in email.body
    assert "ABCD2345EFGH" in email.body
    assert "/accounts/unsubscribe/" in email.body  # a reminder: unsubscribe link
    assert "List-Unsubscribe" in email.extra_headers


def test_a_reminder_is_in_the_learners_language_and_time_zone(
    certificate, learner, run
):
    learner.preferred_language = "fr"
    learner.time_zone = "Europe/Paris"
    learner.save()

    run(EXPIRES - timedelta(days=7))

    [email] = mail.outbox
    assert "12 décembre 2026" in email.subject
    assert "10:00 (Europe/Paris)" in email.body
    assert "/fr/" in email.body


def test_a_missed_reminder_is_not_sent_late(certificate, run):
    """At 5 days before expiry only the 7-day reminder goes, not the 30-day one."""
    assert run(EXPIRES - timedelta(days=5)) == {7: 1, 30: 0}
    assert run(EXPIRES - timedelta(days=4)) == {7: 0, 30: 0}

    certificate.refresh_from_db()
    assert list(certificate.expiry_reminders_sent) == ["7"]


def test_no_reminder_for_a_revoked_certificate(certificate, run):
    certificate.status = CertificateStatus.REVOKED
    certificate.save()

    assert run(EXPIRES - timedelta(days=7)) == {7: 0, 30: 0}
    assert mail.outbox == []


def test_no_reminder_for_a_certificate_that_never_expires(learner, course, run):
    issue(learner, course, expires_at=None)

    assert run(NOW + timedelta(days=3650)) == {7: 0, 30: 0}


def test_no_reminder_once_the_learner_started_a_new_cycle(certificate, run):
    enrolment = certificate.completion.enrolment
    start_new_cycle(enrolment, now=EXPIRES - timedelta(days=20))

    assert run(EXPIRES - timedelta(days=7)) == {7: 0, 30: 0}
    assert mail.outbox == []


def test_no_reminder_once_the_learner_completed_the_course_again(
    certificate, learner, course, run
):
    """Even through another enrolment (left and enrolled again)."""
    enrolment = certificate.completion.enrolment
    enrolment.status = "withdrawn"
    enrolment.save()
    again = enrol(learner, course, now=NOW + timedelta(days=1))
    CourseCompletion.objects.create(
        enrolment=again, completed_at=NOW + timedelta(days=2), hours=Decimal(2)
    )

    assert run(EXPIRES - timedelta(days=7)) == {7: 0, 30: 0}


def test_no_reminder_for_learners_who_turned_reminders_off(certificate, learner, run):
    learner.email_reminders = False
    learner.save()

    assert run(EXPIRES - timedelta(days=7)) == {7: 0, 30: 0}
    assert mail.outbox == []


def test_overlapping_runs_claim_each_reminder_once(certificate):
    """Two runs that read the certificate before either claimed it: one wins."""
    first = Certificate.objects.get(pk=certificate.pk)
    second = Certificate.objects.get(pk=certificate.pk)

    assert claim_reminder(first, 7, NOW) is True
    assert claim_reminder(second, 7, NOW) is False
    # A stale copy cannot overwrite another reminder's stamp either.
    assert claim_reminder(second, 30, NOW) is False
    certificate.refresh_from_db()
    assert list(certificate.expiry_reminders_sent) == ["7"]


@override_settings(CERTIFICATE_EXPIRY_REMINDER_DAYS="14")
def test_the_reminder_days_are_a_setting(certificate, run):
    assert run(EXPIRES - timedelta(days=30)) == {14: 0}
    assert run(EXPIRES - timedelta(days=14)) == {14: 1}


def test_the_reminders_run_daily_from_beat():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert "learning.certificates.tasks.send_certificate_expiry_reminders" in tasks


# Re-certification: the certificates' answer to progress


def test_re_certification_opens_30_days_before_expiry(certificate):
    enrolment = certificate.completion.enrolment

    early = recertification(enrolment, now=EXPIRES - timedelta(days=31))
    assert not early.allowed
    assert early.opens_at == EXPIRES - timedelta(days=30)
    assert "You can re-certify from 12 November 2026" in early.message
    with pytest.raises(NewCycleRefused):
        start_new_cycle(enrolment, now=EXPIRES - timedelta(days=31))

    soon = recertification(enrolment, now=EXPIRES - timedelta(days=30))
    assert soon.allowed and not soon.expired and soon.expires_at == EXPIRES
    late = recertification(enrolment, now=EXPIRES + timedelta(days=100))
    assert late.allowed and late.expired

    start_new_cycle(enrolment, now=EXPIRES - timedelta(days=1))
    enrolment.refresh_from_db()
    assert enrolment.cycle == 2
    certificate.refresh_from_db()  # cycle 1's certificate stays as it was
    assert certificate.status == CertificateStatus.VALID
    assert certificate.completion.cycle == 1


@override_settings(RECERTIFY_WINDOW_DAYS=60)
def test_the_re_certification_window_is_a_setting(certificate):
    enrolment = certificate.completion.enrolment

    assert recertification(enrolment, now=EXPIRES - timedelta(days=31)).allowed


def test_no_re_certification_from_a_revoked_certificate(certificate):
    certificate.status = CertificateStatus.REVOKED
    certificate.save()

    decision = recertification(certificate.completion.enrolment, now=EXPIRES)

    assert not decision.allowed and "revoked" in decision.message


def test_no_re_certification_for_a_certificate_that_never_expires(learner, course):
    certificate = issue(learner, course, expires_at=None)

    decision = recertification(certificate.completion.enrolment, now=NOW)

    assert not decision.allowed and "does not expire" in decision.message


def test_the_course_page_offers_re_certification_near_expiry(
    client, certificate, course, learner
):
    """The real clock: a certificate expiring in 10 days can be renewed now."""
    from django.utils import timezone

    certificate.expires_at = timezone.now() + timedelta(days=10)
    certificate.save()
    client.force_login(learner)

    page = client.get(course.url)

    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.select_one("form.completion__recertify button").get_text(
        strip=True
    ) == ("Re-certify")
    renewed = client.post(f"/en/courses/{course.pk}/recertify/", follow=True)
    assert "Re-certification started" in renewed.text
    assert Enrolment.objects.get().cycle == 2
    assert CourseCompletion.objects.get().certificate == certificate


def test_the_task_sends_the_reminders_due_now(
    certificate, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from learning.certificates.tasks import send_certificate_expiry_reminders as task

    certificate.expires_at = timezone.now() + timedelta(days=5)
    certificate.save()

    with django_capture_on_commit_callbacks(execute=True):
        task.delay()
        task.delay()  # a duplicated run sends nothing more

    assert len(mail.outbox) == 1


def test_each_cycle_gets_its_own_certificate(
    monkeypatch, django_capture_on_commit_callbacks
):
    """Through the real course_completed signal and issuance (PDF stood in for)."""
    from learning.certificates import rendering
    from learning.progress.services import complete_step
    from tests.certificates.factories import fake_pdf, make_learner

    monkeypatch.setattr(rendering, "render_certificate", fake_pdf)
    learner = make_learner()
    course = make_course("Joint procurement", certificate_validity_months=12)
    module = make_module(course, title="Why buy together")
    enrolment = enrol(learner, course, now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        complete_step(enrolment, module, now=NOW)
    first = Certificate.objects.get()
    assert first.expires_at == datetime(2027, 11, 2, 9, 0, tzinfo=UTC)

    renewal = first.expires_at - timedelta(days=10)
    start_new_cycle(enrolment, now=renewal)
    with django_capture_on_commit_callbacks(execute=True):
        complete_step(enrolment, module, now=renewal + timedelta(hours=1))

    second = Certificate.objects.exclude(pk=first.pk).get()
    assert second.completion.cycle == 2
    assert second.code != first.code
    assert second.expires_at == datetime(2028, 10, 23, 10, 0, tzinfo=UTC)
    first.refresh_from_db()
    assert first.completion.cycle == 1 and first.status == CertificateStatus.VALID
