"""Bulk regeneration: every valid certificate of a course reissued (new PDF, same
code) by a Celery job whose progress the admin follows.

A job row is written first (queued), then the task is queued on commit. The task
claims the job, works through the course's valid certificates one transaction at a
time, and records each one it reissued: a redelivered or duplicated task skips what
is done, and at most one job per course is queued or running (a database
constraint backs the check).
"""

import logging

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from learning.tasks_queue import publish_on_commit, requeue_waiting

from .models import (
    Certificate,
    CertificateStatus,
    RegeneratedCertificate,
    RegenerationJob,
    RegenerationStatus,
)

logger = logging.getLogger(__name__)


def certificates_of_course(course_key):
    """The certificates a regeneration reissues: those of the course not revoked
    (expired ones too: their PDF is what the learner keeps)."""
    return Certificate.objects.filter(
        completion__enrolment__course_key=course_key, status=CertificateStatus.VALID
    )


def request_regeneration(course, *, by, reason, now):
    """A job for the course, queued on commit, and True; or, while one is queued or
    running for the course, that job and False (nothing new is started)."""
    from . import tasks

    unfinished = RegenerationJob.objects.unfinished().filter(
        course_key=course.translation_key
    )
    if existing := unfinished.first():
        return existing, False
    try:
        with transaction.atomic():
            job = RegenerationJob.objects.create(
                course_key=course.translation_key,
                course=course,
                course_title=course.title,
                requested_by=by,
                reason=reason,
                total=certificates_of_course(course.translation_key).count(),
                created_at=now,
            )
            log(
                job,
                "certificates.regenerate",
                user=by,
                data={
                    "course": course.title,
                    "reason": reason,
                    "certificates": job.total,
                },
            )
    except IntegrityError:  # another request created one meanwhile
        return unfinished.get(), False
    # With the task queue away, the job stays queued and the sweep queues it.
    publish_on_commit(tasks.regenerate_course_certificates, job.pk)
    return job, True


def requeue_waiting_regenerations(*, now):
    """Queue again the regeneration jobs still queued a few minutes after they were
    asked for (their task could not be queued, or was lost); fail those queued for
    too long, which frees their course for a new request. Returns (queued,
    failed)."""
    from . import tasks

    return requeue_waiting(
        RegenerationJob.objects.filter(status=RegenerationStatus.QUEUED),
        since="created_at",
        task=tasks.regenerate_course_certificates,
        now=now,
        give_up={
            "status": RegenerationStatus.FAILED,
            "error": _(
                "The task queue was unavailable for too long to start this job; "
                "no certificate was reissued. Ask again."
            ),
            "finished_at": now,
        },
    )


def run_regeneration(job_id, *, now):
    """Reissue each certificate of the job's course not yet reissued by this job.
    A finished job is left alone."""
    from .services import reissue_certificate

    claimed = (
        RegenerationJob.objects.unfinished()
        .filter(pk=job_id)
        .update(status=RegenerationStatus.RUNNING)
    )
    if not claimed:
        return None
    job = RegenerationJob.objects.select_related("requested_by").get(pk=job_id)
    reason = job.reason or _("Certificates of %(course)s regenerated") % {
        "course": job.course_title
    }
    done = RegeneratedCertificate.objects.filter(job=job).values("certificate_id")
    todo = list(
        certificates_of_course(job.course_key)
        .exclude(pk__in=done)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    already = RegeneratedCertificate.objects.filter(job=job).count()
    RegenerationJob.objects.filter(pk=job.pk).update(
        total=already + len(todo), done_count=already
    )
    try:
        for certificate_id in todo:
            with transaction.atomic():
                _item, created = RegeneratedCertificate.objects.get_or_create(
                    job=job, certificate_id=certificate_id
                )
                if not created:  # another run of this job got there first
                    continue
                certificate = (
                    Certificate.objects.select_for_update()
                    .filter(pk=certificate_id, status=CertificateStatus.VALID)
                    .first()
                )
                if certificate is not None:  # not revoked meanwhile
                    reissue_certificate(
                        certificate, by=job.requested_by, reason=reason, now=now
                    )
                RegenerationJob.objects.filter(pk=job.pk).update(
                    done_count=F("done_count") + 1
                )
    except Exception as error:  # noqa: BLE001 (the job says it failed; ask again)
        logger.exception("Certificate regeneration %s failed", job.pk)
        RegenerationJob.objects.filter(pk=job.pk).update(
            status=RegenerationStatus.FAILED,
            error=str(error)[:1000] or error.__class__.__name__,
            finished_at=now,
        )
        job.refresh_from_db()
        return job
    RegenerationJob.objects.filter(pk=job.pk).update(
        status=RegenerationStatus.DONE, finished_at=now
    )
    job.refresh_from_db()
    return job
