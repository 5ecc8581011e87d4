"""Certificates that expire: when a learner may re-certify, and the reminders sent
before a certificate expires.

Re-certification: progress asks, through the ``may_start_new_cycle`` hook (see
learning/progress/cycles.py), whether a learner may start a new cycle of a completed
course; `may_start_new_cycle` below answers from the completion's certificate: allowed
once it has expired or expires within ``RECERTIFY_WINDOW_DAYS``; no opinion when
there is no certificate or it never expires (progress then refuses).

Reminders: ``CERTIFICATE_EXPIRY_REMINDER_DAYS`` (e.g. "30,7") days before a valid
certificate expires, its learner gets one email for each of those days, saying when
it expires and linking to the course to re-certify. Each certificate is claimed by a
conditional UPDATE of `expiry_reminders_sent` before its email is queued, so
overlapping runs never send twice. A reminder missed (say, a certificate issued 10
days before it expires) is not sent late: only the latest window that applies is
used. Learners who already started a new cycle, or completed the course again, hear
nothing; nor do revoked certificates.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from learning.accounts.emails import absolute_url, send_email
from learning.progress.cycles import Recertification
from learning.progress.models import CourseCompletion, EnrolmentStatus

from .models import Certificate, CertificateStatus

logger = logging.getLogger(__name__)

EXPIRY_REMINDER = "emails/certificates/expiry"


def recertify_window():
    return timedelta(days=settings.RECERTIFY_WINDOW_DAYS)


def may_start_new_cycle(completion, *, now):
    """The certificates' answer to progress's ``may_start_new_cycle`` hook."""
    try:
        certificate = completion.certificate
    except Certificate.DoesNotExist:
        return None
    if certificate.status == CertificateStatus.REVOKED:
        return Recertification(
            False,
            _(
                "Your certificate for this course was revoked: please contact the "
                "Staff College."
            ),
        )
    if certificate.expires_at is None:
        return None
    opens_at = certificate.expires_at - recertify_window()
    allowed = now >= opens_at
    message = ""
    if not allowed:
        message = _(
            "Your certificate is valid until %(expires)s. You can re-certify from "
            "%(opens)s."
        ) % {
            "expires": formats.date_format(
                timezone.localtime(certificate.expires_at), "j F Y"
            ),
            "opens": formats.date_format(timezone.localtime(opens_at), "j F Y"),
        }
    return Recertification(
        allowed,
        message,
        expires_at=certificate.expires_at,
        opens_at=opens_at,
        expired=certificate.expires_at <= now,
    )


def reminder_days():
    """The days before expiry on which reminders go out, nearest first."""
    value = settings.CERTIFICATE_EXPIRY_REMINDER_DAYS
    if isinstance(value, str):
        value = value.split(",")
    return sorted({int(day) for day in value if str(day).strip()})


def reminder_candidates():
    """Valid certificates that expire, of the current cycle of a course still
    published, whose learner wants reminders and has not completed the course
    again since."""
    completed_again = CourseCompletion.objects.filter(
        enrolment__learner=OuterRef("completion__enrolment__learner"),
        enrolment__course_key=OuterRef("completion__enrolment__course_key"),
        completed_at__gt=OuterRef("completion__completed_at"),
    )
    return (
        Certificate.objects.filter(
            status=CertificateStatus.VALID,
            expires_at__isnull=False,
            completion__cycle=F("completion__enrolment__cycle"),
            completion__enrolment__learner__is_active=True,
            completion__enrolment__learner__email_reminders=True,
            completion__enrolment__course__live=True,
        )
        .exclude(completion__enrolment__status=EnrolmentStatus.REMOVED)
        .exclude(Exists(completed_again))
    )


def send_certificate_expiry_reminders(*, now):
    """Queue the expiry reminders due at `now`; returns how many were queued for
    each number of days before expiry."""
    counts = {}
    nearer = 0
    for days in reminder_days():
        due = reminder_candidates().filter(
            expires_at__gt=now + timedelta(days=nearer),
            expires_at__lte=now + timedelta(days=days),
        )
        counts[days] = _send_reminders(
            due.exclude(expiry_reminders_sent__has_key=str(days)), days, now
        )
        nearer = days
    if any(counts.values()):
        logger.info("Certificate expiry reminders queued: %s", counts)
    return counts


def claim_reminder(certificate, days, now):
    """Record that the reminder `days` before expiry goes out now, if no one did
    yet: a conditional UPDATE, so of two overlapping runs only one wins. It also
    requires the record unchanged since `certificate` was read, so that no other
    reminder's stamp is lost. Returns True when this caller won."""
    key = str(days)
    already = certificate.expiry_reminders_sent or {}
    if key in already:
        return False
    claimed = (
        Certificate.objects.filter(
            pk=certificate.pk,
            status=CertificateStatus.VALID,
            expiry_reminders_sent=already,
        )
        .exclude(expiry_reminders_sent__has_key=key)
        .update(expiry_reminders_sent={**already, key: now.isoformat()})
    )
    if claimed == 1:
        certificate.expiry_reminders_sent = {**already, key: now.isoformat()}
    return claimed == 1


def _send_reminders(certificates, days, now):
    sent = 0
    for certificate in certificates.select_related(
        "completion__enrolment__learner", "completion__enrolment__course"
    ).order_by("expires_at", "pk"):
        with transaction.atomic():
            if not claim_reminder(certificate, days, now):
                continue
            learner = certificate.completion.enrolment.learner
            if send_email(
                learner,
                EXPIRY_REMINDER,
                reminder_context(certificate, now),
                reminder=True,
            ):
                sent += 1
    return sent


def reminder_context(certificate, now):
    """When the certificate expires, and links to re-certify, in the learner's
    language where the course has a translation."""
    enrolment = certificate.completion.enrolment
    learner = enrolment.learner
    with translation.override(learner.preferred_language or settings.LANGUAGE_CODE):
        course = enrolment.course.localized
        course_url = absolute_url(course.url)
        dashboard_url = absolute_url(reverse("progress:dashboard"))
    return {
        "course_title": course.title,
        "expires_at": certificate.expires_at,
        "code": certificate.code,
        "course_url": course_url,
        "dashboard_url": dashboard_url,
    }
