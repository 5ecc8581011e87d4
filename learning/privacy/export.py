"""Everything the platform holds about a person, as one JSON document they can
download: their account, what they did as a learner (enrolments with step
progress and completions, quiz attempts as the review policy lets them see them,
certificates) and what they did as staff (people enrolled, imports, exports,
report subscriptions), naming nobody else."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from wagtail.models import ModelLogEntry, Page
from wagtail.users.models import UserProfile

from assessments.models import Attempt, ExtraAttempts, ExtraTime
from assessments.review import can_review, public_questions, reviewed_questions
from learning.certificates.models import Certificate, RegenerationJob
from learning.progress.models import Enrolment, EnrolmentImport
from learning.reports.models import ReportExport, ReportSubscription

FORMAT_VERSION = 1

# The section of the export that holds the rows of each field pointing at a
# person ("app_label.Model.field"). tests/accounts/test_privacy.py checks that
# every such field of every model is here or deliberately left out.
SECTIONS = {
    "progress.Enrolment.learner": "enrolments",
    "progress.Enrolment.enrolled_by": "people_enrolled",
    "progress.EnrolmentImport.uploaded_by": "enrolment_imports",
    "assessments.Attempt.learner": "quiz_attempts",
    "assessments.ExtraAttempts.learner": "extra_attempts",
    "assessments.ExtraTime.learner": "extra_time",
    "certificates.RegenerationJob.requested_by": "certificate_regenerations",
    "reports.ReportExport.requested_by": "report_exports",
    "reports.ReportSubscription.user": "report_subscriptions",
    "wagtailusers.UserProfile.user": "admin_preferences",
}


def personal_data(user, *, now):
    """The whole export, as plain JSON-ready values."""
    enrolments = list(
        Enrolment.objects.filter(learner=user)
        .prefetch_related("step_progress", "completions")
        .order_by("enrolled_at", "pk")
    )
    titles = _page_titles(
        {e.course_key for e in enrolments}
        | {s.step_key for e in enrolments for s in e.step_progress.all()}
    )
    return {
        "format_version": FORMAT_VERSION,
        "exported_at": now,
        "account": _account(user),
        "account_history": list(
            ModelLogEntry.objects.for_instance(user)
            .order_by("timestamp", "pk")
            .values("action", "timestamp", "data")
        ),
        "enrolments": [_enrolment(e, titles) for e in enrolments],
        "certificates": [
            _certificate(c)
            for c in Certificate.objects.for_learner(user).order_by("issued_at", "pk")
        ],
        "quiz_attempts": [
            _attempt(a)
            for a in Attempt.objects.filter(learner=user)
            .select_related("quiz")
            .order_by("started_at", "pk")
        ],
        "extra_attempts": list(
            ExtraAttempts.objects.filter(learner=user)
            .order_by("pk")
            .values("id", "quiz_id", "quiz__title", "attempts", "reason", "created_at")
        ),
        "extra_time": list(
            ExtraTime.objects.filter(learner=user).values(
                "id", "percent", "reason", "created_at"
            )
        ),
        "report_subscriptions": list(
            ReportSubscription.objects.filter(user=user)
            .order_by("pk")
            .values(
                "id",
                "course_key",
                "course__title",
                "organisation__acronym",
                "created_at",
                "last_sent_at",
            )
        ),
        # As staff: what they did, without the people it concerned.
        "people_enrolled": list(
            Enrolment.objects.filter(enrolled_by=user)
            .order_by("pk")
            .values("id", "course_key", "course__title", "source", "enrolled_at")
        ),
        "enrolment_imports": list(
            EnrolmentImport.objects.filter(uploaded_by=user)
            .order_by("pk")
            .values(
                "id",
                "filename",
                "course__title",
                "status",
                "rows_total",
                "counts",
                "created_at",
                "applied_at",
            )
        ),
        "report_exports": list(
            ReportExport.objects.filter(requested_by=user)
            .order_by("pk")
            .values(
                "id",
                "report",
                "format",
                "query",
                "status",
                "rows_total",
                "created_at",
                "finished_at",
            )
        ),
        "certificate_regenerations": list(
            RegenerationJob.objects.filter(requested_by=user)
            .order_by("pk")
            .values("id", "course_title", "reason", "status", "created_at")
        ),
        "admin_preferences": list(
            UserProfile.objects.filter(user=user).values(
                "id",
                "preferred_language",
                "current_time_zone",
                "avatar",
                "theme",
                "density",
                "contrast",
            )
        ),
    }


def personal_data_json(user, *, now):
    return json.dumps(
        personal_data(user, now=now), cls=DjangoJSONEncoder, indent=2, sort_keys=True
    )


def _account(user):
    organisation = user.organisation
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "organisation": (
            {"acronym": organisation.acronym, "name": organisation.name}
            if organisation
            else None
        ),
        "preferred_language": user.preferred_language,
        "time_zone": user.time_zone,
        "email_reminders": user.email_reminders,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "email_verified_at": user.email_verified_at,
        "invited_at": user.invited_at,
        "name_confirmed_at": user.name_confirmed_at,
        "is_active": user.is_active,
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "focal_point_for": sorted(
            user.focal_organisations.values_list("acronym", flat=True)
        ),
    }


def _page_titles(translation_keys):
    """The title of each course or step (one translation of each)."""
    pages = (
        Page.objects.filter(translation_key__in=translation_keys)
        .order_by("locale_id")
        .values_list("translation_key", "title")
    )
    titles = {}
    for key, title in pages:
        titles.setdefault(key, title)
    return titles


def _enrolment(enrolment, titles):
    return {
        "id": enrolment.pk,
        "course_key": enrolment.course_key,
        "course": titles.get(enrolment.course_key, ""),
        "source": enrolment.source,
        "status": enrolment.status,
        "enrolled_at": enrolment.enrolled_at,
        "due_at": enrolment.due_at,
        "ended_at": enrolment.ended_at,
        "cycle": enrolment.cycle,
        "steps": [
            {
                "step_key": step.step_key,
                "step": titles.get(step.step_key, ""),
                "cycle": step.cycle,
                "started_at": step.started_at,
                "last_visited_at": step.last_visited_at,
                "completed_at": step.completed_at,
            }
            for step in sorted(enrolment.step_progress.all(), key=lambda s: s.pk)
        ],
        "completions": [
            {
                "id": completion.pk,
                "cycle": completion.cycle,
                "completed_at": completion.completed_at,
                "score": completion.score,
                "hours": completion.hours,
            }
            for completion in sorted(enrolment.completions.all(), key=lambda c: c.pk)
        ],
    }


def _certificate(certificate):
    return {
        "id": certificate.pk,
        "code": certificate.code,
        "status": certificate.status,
        "name_printed": certificate.name_printed,
        "course": certificate.course_title,
        "language": certificate.language,
        "completed_at": certificate.completed_at,
        "hours": certificate.hours,
        "score": certificate.score,
        "issued_at": certificate.issued_at,
        "expires_at": certificate.expires_at,
        "revoked_at": certificate.revoked_at,
        "revoke_reason": certificate.revoke_reason,
        "version": certificate.version,
        "sha256": certificate.sha256,
    }


def _attempt(attempt):
    """The attempt as the learner may see it on the site: the answer key, the
    feedback and the per-question results only once review allows."""
    reviewable = can_review(attempt)
    return {
        "id": attempt.pk,
        "quiz": attempt.quiz.title,
        "number": attempt.number,
        "status": attempt.status,
        "started_at": attempt.started_at,
        "deadline": attempt.deadline,
        "finished_at": attempt.finished_at,
        "score": attempt.score,
        "passed": attempt.passed,
        "review_allowed": reviewable,
        "questions": (
            reviewed_questions(attempt)
            if reviewable
            else public_questions(attempt.questions, attempt.answers)
        ),
    }
