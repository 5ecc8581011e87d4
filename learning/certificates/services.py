"""Issuing certificates, exactly once per completion; reissuing and revoking them;
the learner's confirmation of the name printed on them.

Issuance runs in two steps, so that a slow PDF never holds a database lock and a
second run (a retry, a duplicate task, the sweep) never makes a second certificate,
a second file or a different code:

1. Under a lock on the completion row, the certificate row is created once, with
   its code and its frozen content (the OneToOne constraint on the completion
   refuses a duplicate should the lock be absent, as on SQLite).
2. Outside any lock, the PDF is rendered; then, under a lock on the certificate
   row, it is stored only if no run stored one meanwhile. The learner is emailed
   and the issue audit-logged by that run alone.

A certificate whose row exists but has no file (the render failed or was stopped)
is completed by the next run.
"""

import calendar
import hashlib
import logging
import secrets
from datetime import UTC, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from courses.models import CoursePage
from learning.accounts.emails import absolute_url, send_email
from learning.languages import content_language_for
from learning.progress.models import CourseCompletion

from . import rendering
from .models import Certificate, CertificateStatus

logger = logging.getLogger(__name__)

# No 0/O, 1/I/L: a code read aloud or typed from paper comes out right.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_GROUPS = 4
CODE_GROUP_LENGTH = 4  # 16 characters of 31: about 79 bits
ISSUED_EMAIL = "emails/certificates/issued"
REVOKED_EMAIL = "emails/certificates/revoked"
NAME_MAX_LENGTH = 150


class CertificateError(ValueError):
    """A request the certificate cannot honour; the message says why."""


# Codes, dates, names -------------------------------------------------------------


def new_code():
    """An unguessable verification code such as ``K7QM-4XD2-9PTA-WN3E``."""
    return "-".join(
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH))
        for _ in range(CODE_GROUPS)
    )


def add_months(moment, months):
    """`moment` plus whole calendar months, counted in UTC; the day is clamped to
    the end of a shorter month (31 January + 1 month = 28 or 29 February)."""
    moment = moment.astimezone(UTC)
    month_index = moment.month - 1 + months
    year = moment.year + month_index // 12
    month = month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def expiry_for(course, completed_at):
    months = getattr(course, "certificate_validity_months", None)
    if not months:
        return None
    return add_months(completed_at, months)


def clean_printed_name(full_name):
    """The name as it will be printed: inner runs of spaces collapsed, ends
    trimmed. Raises CertificateError when empty or too long."""
    name = " ".join((full_name or "").split())
    if not name:
        raise CertificateError(_("Enter your name as it should be printed."))
    if len(name) > NAME_MAX_LENGTH:
        raise CertificateError(
            _("A name has at most %(count)d characters.") % {"count": NAME_MAX_LENGTH}
        )
    return name


def course_of(enrolment):
    """The course page of an enrolment (any translation), or None if it is gone."""
    if enrolment.course_id:
        return enrolment.course
    return CoursePage.objects.filter(translation_key=enrolment.course_key).first()


def course_title_in(course, language):
    """The course's title in that language when it has a translation."""
    with translation.override(language):
        return course.localized.title


def certificate_state(certificate, now):
    """ "valid", "expired", "revoked" or "withdrawn" at `now`: withdrawn is a
    revoked certificate that keeps no name, its holder's data having been
    erased."""
    if certificate.status == CertificateStatus.REVOKED:
        return "revoked" if certificate.name_printed else "withdrawn"
    if certificate.expires_at is not None and certificate.expires_at <= now:
        return "expired"
    return "valid"


# Storage ----------------------------------------------------------------------


def file_name(certificate):
    """Where a version of a certificate's PDF is stored: one name per version, so
    that a reissue keeps the earlier file."""
    issued = certificate.issued_at.astimezone(UTC)
    return f"certificates/{issued:%Y/%m}/{certificate.code}-v{certificate.version}.pdf"


def store_pdf(certificate, pdf):
    """Save the PDF under the certificate's name for its version; sets `file` and
    `sha256` on the instance (the caller saves it, holding the row lock). A file
    left under that name by an interrupted run, which no row points to, is
    replaced."""
    storage = certificate.file.storage
    name = file_name(certificate)
    if storage.exists(name):
        storage.delete(name)
    certificate.file.name = storage.save(name, ContentFile(pdf))
    certificate.sha256 = hashlib.sha256(pdf).hexdigest()


# Issuing ----------------------------------------------------------------------


def issue_certificate(completion_id, *, now):
    """The certificate of this completion, created and rendered once whoever calls
    first. None while the learner has not confirmed the name to print (or when the
    completion or its course is gone). Idempotent: a second call returns the same
    certificate, code and file."""
    completion = (
        CourseCompletion.objects.select_related(
            "enrolment__learner", "enrolment__course"
        )
        .filter(pk=completion_id)
        .first()
    )
    if completion is None:
        logger.warning("No completion %s to issue a certificate for", completion_id)
        return None
    learner = completion.enrolment.learner
    if learner.name_confirmed_at is None:
        return None
    certificate = _certificate_row(completion, now=now)
    if certificate is None or certificate.sha256:
        return certificate
    return _render_and_store(certificate)


def _certificate_row(completion, *, now):
    """The completion's certificate row, created (without its PDF) if missing."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                # Concurrent runs queue here; the later one then finds the row.
                CourseCompletion.objects.select_for_update().filter(
                    pk=completion.pk
                ).first()
                existing = Certificate.objects.filter(completion=completion).first()
                if existing is not None:
                    return existing
                certificate = _new_certificate(completion, now=now)
                if certificate is None:
                    return None
                certificate.save()
                return certificate
        except IntegrityError:
            # Created by a simultaneous run (no row lock on SQLite), or, once in a
            # very long while, a code already taken: then try another code.
            existing = Certificate.objects.filter(completion=completion).first()
            if existing is not None:
                return existing
    raise RuntimeError(
        f"Could not create the certificate of completion {completion.pk}"
    )


def _new_certificate(completion, *, now):
    """An unsaved certificate with its content frozen from the completion."""
    enrolment = completion.enrolment
    learner = enrolment.learner
    course = course_of(enrolment)
    if course is None:
        logger.warning(
            "Completion %s: its course is gone, no certificate issued", completion.pk
        )
        return None
    # Printed in a language its wording is written in: a learner who reads the
    # site in Arabic (an interface-only language) gets the default language's.
    language = content_language_for(
        learner.preferred_language or settings.LANGUAGE_CODE
    )
    return Certificate(
        completion=completion,
        code=new_code(),
        template=rendering.template_for_course(course),
        name_printed=learner.full_name or learner.display_name,
        course_title=course_title_in(course, language),
        language=language,
        completed_at=completion.completed_at,
        hours=completion.hours,
        score=completion.score,
        expires_at=expiry_for(course, completion.completed_at),
        issued_at=now,
    )


def _render_and_store(certificate):
    """Render outside any lock, then store the PDF unless a simultaneous run has
    stored one already; the run that stores it announces it."""
    pdf = rendering.render_certificate(certificate)
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.sha256:  # another run finished first: its file stands
            return locked
        store_pdf(locked, pdf)
        locked.save(update_fields=["file", "sha256"])
        learner = locked.completion.enrolment.learner
        log(
            locked,
            "certificates.issue",
            data={
                "code": locked.code,
                "learner": learner.email,
                "course": locked.course_title,
                "sha256": locked.sha256,
            },
        )
        send_email(learner, ISSUED_EMAIL, _email_context(locked, learner))
    return locked


def _email_context(certificate, learner):
    """Links for an email, in the learner's language."""
    with translation.override(learner.preferred_language or settings.LANGUAGE_CODE):
        dashboard_url = absolute_url(reverse("progress:dashboard"))
        try:
            download_url = absolute_url(
                reverse("certificates:download", args=[certificate.code])
            )
        except NoReverseMatch:
            download_url = ""
        verification_url = rendering.verification_url(certificate.code)
    return {
        "certificate": certificate,
        "course_title": certificate.course_title,
        "code": certificate.code,
        "dashboard_url": dashboard_url,
        "download_url": download_url,
        "verification_url": verification_url,
    }


def missing_certificates(*, now, older_than):
    """Completions that should have a certificate with its PDF by now and do not:
    completed before `now - older_than`, learner's name confirmed, no certificate
    or one whose file was never stored (revoked ones are left alone)."""
    return (
        CourseCompletion.objects.filter(
            completed_at__lte=now - older_than,
            enrolment__learner__name_confirmed_at__isnull=False,
        )
        .exclude(certificate__sha256__gt="")
        .exclude(certificate__status=CertificateStatus.REVOKED)
        .order_by("completed_at", "pk")
    )


def queue_missing_certificates(*, now):
    """Queue issuance for a bounded batch of the missing certificates (see
    `missing_certificates`); returns how many were queued."""
    from . import tasks

    older_than = timedelta(minutes=settings.CERTIFICATE_SWEEP_AFTER_MINUTES)
    batch = list(
        missing_certificates(now=now, older_than=older_than).values_list(
            "pk", flat=True
        )[: settings.CERTIFICATE_SWEEP_BATCH]
    )
    for completion_id in batch:
        transaction.on_commit(
            lambda pk=completion_id: tasks.issue_certificate_task.delay(pk)
        )
    if batch:
        logger.info("Queued %d missing certificates", len(batch))
    return len(batch)


# The learner's name --------------------------------------------------------------


def confirm_printed_name(user, *, full_name, now):
    """The learner confirms the name printed on their certificates; then each of
    their completions without a certificate is queued for issuance. Returns the
    number queued. Raises CertificateError for an empty or too long name."""
    from . import tasks

    name = clean_printed_name(full_name)
    with transaction.atomic():
        user.full_name = name
        user.name_confirmed_at = now
        user.save(update_fields=["full_name", "name_confirmed_at"])
        pending = list(
            CourseCompletion.objects.filter(enrolment__learner=user)
            .exclude(certificate__sha256__gt="")
            .exclude(certificate__status=CertificateStatus.REVOKED)
            .values_list("pk", flat=True)
        )
        for completion_id in pending:
            # robust: with the broker away the name is still saved, and the
            # sweep queues these certificates later.
            transaction.on_commit(
                lambda pk=completion_id: tasks.issue_certificate_task.delay(pk),
                robust=True,
            )
    return len(pending)


# Administrators: reissue and revoke ---------------------------------------------


def reissue_certificate(certificate, *, by, reason, now):
    """A new PDF for the certificate, with the learner's current name (once
    confirmed) and the course's current template and title: same code, version
    raised by one; the earlier file stays in storage. Revoked certificates are not
    reissued."""
    reason = (reason or "").strip()
    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update()
            .select_related("completion__enrolment__learner")
            .get(pk=certificate.pk)
        )
        if certificate.status == CertificateStatus.REVOKED:
            raise CertificateError(_("A revoked certificate cannot be reissued."))
        enrolment = certificate.completion.enrolment
        learner = enrolment.learner
        course = course_of(enrolment)
        old = {
            "version": certificate.version,
            "sha256": certificate.sha256,
            "file": certificate.file.name,
            "name_printed": certificate.name_printed,
        }
        if learner.name_confirmed_at is not None and learner.full_name:
            certificate.name_printed = learner.full_name
        if course is not None:
            certificate.template = rendering.template_for_course(course)
            certificate.course_title = course_title_in(course, certificate.language)
        certificate.version += 1
        pdf = rendering.render_certificate(certificate)
        store_pdf(certificate, pdf)
        certificate.save(
            update_fields=[
                "name_printed",
                "template",
                "course_title",
                "version",
                "file",
                "sha256",
            ]
        )
        log(
            certificate,
            "certificates.reissue",
            user=by,
            data={
                "code": certificate.code,
                "reason": reason,
                "old_version": old["version"],
                "new_version": certificate.version,
                "old_sha256": old["sha256"],
                "new_sha256": certificate.sha256,
                "old_file": old["file"],
                "new_file": certificate.file.name,
                "old_name_printed": old["name_printed"],
                "name_printed": certificate.name_printed,
            },
        )
    return certificate


def revoke_certificate(certificate, *, by, reason, now):
    """Revoke with a reason (required); the learner is told, with that reason.
    Revoking a revoked certificate changes nothing."""
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Give the reason for revoking this certificate."))
    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update()
            .select_related("completion__enrolment__learner")
            .get(pk=certificate.pk)
        )
        if certificate.status == CertificateStatus.REVOKED:
            return certificate
        certificate.status = CertificateStatus.REVOKED
        certificate.revoked_at = now
        certificate.revoke_reason = reason
        certificate.save(update_fields=["status", "revoked_at", "revoke_reason"])
        learner = certificate.completion.enrolment.learner
        log(
            certificate,
            "certificates.revoke",
            user=by,
            data={"code": certificate.code, "reason": reason},
        )
        send_email(
            learner,
            REVOKED_EMAIL,
            {
                "course_title": certificate.course_title,
                "code": certificate.code,
                "reason": reason,
                "revoked_at": now,
            },
        )
    return certificate
