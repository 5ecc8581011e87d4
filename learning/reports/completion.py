"""The completion report: one row per enrolment, every figure computed by the
database in a single query (so a page of 50 rows and an export of 100,000 cost
the same per row), for the learners the viewer may report on.

A row describes the enrolment's current cycle (re-certification starts a new
one): its completion, score and certificate are the current cycle's.
"""

from dataclasses import dataclass
from functools import cached_property

from django.apps import apps
from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.enums import TextChoices
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from courses.models import CoursePage, CourseStep
from learning.certificates.models import CertificateStatus
from learning.progress.models import EnrolmentStatus, StepProgress

from .scope import enrolments_in_report_scope


class RowStatus(TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    OVERDUE = "overdue", _("Overdue")
    WITHDRAWN = "withdrawn", _("Withdrawn or removed")


class CertificateState(TextChoices):
    VALID = "valid", _("Valid")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


# The languages courses are written in, named in the reader's language ("French").
ContentLanguage = TextChoices(
    "ContentLanguage",
    [
        (code.upper(), (code, label))
        for code, label in settings.WAGTAIL_CONTENT_LANGUAGES
    ],
)


@dataclass(frozen=True)
class Column:
    """A column of the report: `key` names the row's value (a field or an
    annotation); `kind` says how exports write it."""

    key: str
    heading: str
    kind: str = "text"  # text, datetime, number or one of the choices below
    choices: type[TextChoices] | None = None


COLUMNS = [
    Column("learner_name", _("Learner")),
    Column("learner_email", _("Email")),
    Column("organisation", _("Organisation")),
    Column("course_title", _("Course")),
    Column("language", _("Language"), "choice", ContentLanguage),
    Column("enrolled_at", _("Enrolled at"), "datetime"),
    Column("due_at", _("Due date"), "datetime"),
    Column("progress", _("Progress %"), "number"),
    Column("row_status", _("Status"), "choice", RowStatus),
    Column("completed_at", _("Completed at"), "datetime"),
    Column("score", _("Course score"), "number"),
    Column("certificate_code", _("Certificate")),
    Column("certificate_state", _("Certificate status"), "choice", CertificateState),
]


class CourseCatalogue:
    """Each course once (keyed on its translation key, titled in the default
    language) with the keys of its required steps: two queries per report."""

    def __init__(self):
        default_locale = Locale.get_default()
        courses = CoursePage.objects.order_by("path").values_list(
            "translation_key", "title", "path", "locale_id"
        )
        self.titles = {}
        self.course_key_by_path = {}
        for key, title, path, locale_id in courses:
            if locale_id == default_locale.pk or key not in self.titles:
                self.titles[key] = title
            self.course_key_by_path[path] = key
        self.required_steps = {key: set() for key in self.titles}
        for path, step_key in self.required_step_rows():
            course_key = self.course_key_by_path.get(path[: -Page.steplen])
            if course_key is not None:
                self.required_steps[course_key].add(step_key)

    def required_step_rows(self):
        step_models = [
            model
            for model in apps.get_models()
            if issubclass(model, CourseStep) and not model._meta.abstract
        ]
        rows = []
        for model in step_models:
            rows += (
                model.objects.live()
                .filter(optional=False)
                .values_list("path", "translation_key")
            )
        return rows

    @cached_property
    def all_required_steps(self):
        return set().union(*self.required_steps.values())


def by_course(catalogue, values, default, output_field):
    """A per-course value as SQL (a CASE on the enrolment's course key)."""
    whens = [When(course_key=key, then=Value(value)) for key, value in values.items()]
    if not whens:
        return Value(default, output_field=output_field)
    return Case(*whens, default=Value(default), output_field=output_field)


def status_conditions(now):
    """Each row status as a condition on the annotated enrolment (they exclude
    each other): the status column is computed from them, and the status filter
    uses them directly, so the database filters on plain columns."""
    started = Exists(
        StepProgress.objects.filter(enrolment=OuterRef("pk"), cycle=OuterRef("cycle"))
    )
    completed = Q(current_completion__isnull=False)
    active = Q(status=EnrolmentStatus.ACTIVE)
    overdue = Q(due_at__lt=now)
    return {
        RowStatus.COMPLETED: completed,
        RowStatus.WITHDRAWN: ~completed & ~active,
        RowStatus.OVERDUE: ~completed & active & overdue,
        RowStatus.IN_PROGRESS: ~completed & active & ~overdue & started,
        RowStatus.NOT_STARTED: ~completed & active & ~overdue & ~started,
    }


def completion_rows(user, *, now, catalogue=None):
    """Enrolments in the user's scope, annotated with every column of the report.
    Filter and order the result like any queryset."""
    catalogue = catalogue or CourseCatalogue()
    steps_done = (
        StepProgress.objects.filter(
            enrolment=OuterRef("pk"),
            cycle=OuterRef("cycle"),
            completed_at__isnull=False,
            step_key__in=catalogue.all_required_steps,
        )
        .order_by()
        .values("enrolment")
        .annotate(count=Count("pk"))
        .values("count")
    )
    required_count = {
        key: len(steps) for key, steps in catalogue.required_steps.items()
    }
    completed = Q(current_completion__isnull=False)
    return (
        enrolments_in_report_scope(user)
        .annotate(
            current_completion=FilteredRelation(
                "completions", condition=Q(completions__cycle=F("cycle"))
            ),
        )
        .annotate(
            learner_name=Coalesce(
                NullIf("learner__full_name", Value("")),
                "learner__email",
                output_field=CharField(),
            ),
            learner_email=F("learner__email"),
            organisation=Coalesce("learner__organisation__acronym", Value("")),
            course_title=by_course(catalogue, catalogue.titles, "", CharField()),
            steps_required=by_course(catalogue, required_count, 0, IntegerField()),
            steps_done=Coalesce(Subquery(steps_done), 0),
            completed_at=F("current_completion__completed_at"),
            score=F("current_completion__score"),
            certificate_code=F("current_completion__certificate__code"),
        )
        .annotate(
            # Rounded half up, in integers (the same on every database).
            progress=Case(
                When(completed, then=Value(100)),
                When(steps_required=0, then=Value(0)),
                default=(200 * F("steps_done") + F("steps_required"))
                / (2 * F("steps_required")),
                output_field=IntegerField(),
            ),
            row_status=Case(
                *[
                    When(condition, then=Value(status))
                    for status, condition in status_conditions(now).items()
                ],
                output_field=CharField(),
            ),
            certificate_state=Case(
                When(certificate_code__isnull=True, then=Value("")),
                When(
                    current_completion__certificate__status=CertificateStatus.REVOKED,
                    then=Value(CertificateState.REVOKED),
                ),
                When(
                    current_completion__certificate__expires_at__lte=now,
                    then=Value(CertificateState.EXPIRED),
                ),
                default=Value(CertificateState.VALID),
                output_field=CharField(),
            ),
        )
    )
