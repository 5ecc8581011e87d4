"""Builders for certificate tests: a completed enrolment, a certificate with a small
stand-in PDF, and a stand-in renderer (WeasyPrint is slow; test it where it matters).
"""

from datetime import UTC, datetime
from decimal import Decimal

from learning.certificates import services
from learning.certificates.models import Certificate
from learning.progress.models import CourseCompletion
from learning.progress.services import enrol
from tests.factories import UserFactory, make_course

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def make_learner(name="Amina Diallo", *, confirmed=True, now=NOW, **fields):
    """A learner whose name is confirmed for certificates (unless confirmed=False)."""
    return UserFactory(
        full_name=name, name_confirmed_at=now if confirmed else None, **fields
    )


def make_completion(
    learner=None,
    course=None,
    *,
    now=NOW,
    score=Decimal("87.50"),
    hours=None,
    confirmed=True,
    **course_fields,
):
    """A completion of `course` (made if not given, with `course_fields`) by
    `learner` (made, name confirmed unless confirmed=False). Written directly: no
    `course_completed` signal, so nothing is issued yet."""
    learner = learner or make_learner(confirmed=confirmed, now=now)
    if course is None:
        course_fields.setdefault("title", "ICT strategy for senior managers")
        course_fields.setdefault("estimated_hours", Decimal("6"))
        course = make_course(**course_fields)
    enrolment = enrol(learner, course, now=now)
    return CourseCompletion.objects.create(
        enrolment=enrolment,
        cycle=enrolment.cycle,
        completed_at=now,
        score=score,
        hours=course.estimated_hours if hours is None else hours,
    )


def fake_pdf(certificate):
    """Stand-in for rendering.render_certificate: small bytes that differ with what
    a real PDF shows (code, version, name, course)."""
    return (
        f"%PDF-1.7 stand-in {certificate.code} v{certificate.version} "
        f"{certificate.name_printed} / {certificate.course_title}"
    ).encode()


def make_certificate(completion=None, *, now=NOW, with_file=True, **fields):
    """A certificate row with a stand-in PDF stored (none with with_file=False, as
    when its render failed), without going through issuance (no email, no audit
    entry)."""
    completion = completion or make_completion(now=now)
    learner = completion.enrolment.learner
    values = {
        "completion": completion,
        "code": services.new_code(),
        "name_printed": learner.full_name,
        "course_title": completion.enrolment.course.title,
        "language": learner.preferred_language,
        "completed_at": completion.completed_at,
        "hours": completion.hours,
        "score": completion.score,
        "issued_at": now,
        **fields,
    }
    certificate = Certificate(**values)
    if with_file:
        services.store_pdf(certificate, fake_pdf(certificate))
    certificate.save()
    return certificate
