"""Learner records. They are keyed on the course's and steps' `translation_key`, which
every translation of a page shares and which survives republishing and reordering."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class EnrolmentSource(models.TextChoices):
    SELF = "self", _("Self-enrolled")
    BULK = "bulk", _("Bulk enrolment")
    ADMIN = "admin", _("Enrolled by an administrator")


class EnrolmentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    WITHDRAWN = "withdrawn", _("Withdrawn by the learner")
    REMOVED = "removed", _("Removed by an administrator")


class EnrolmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=EnrolmentStatus.ACTIVE)

    def for_course(self, course):
        return self.filter(course_key=course.translation_key)

    def in_course_of_step(self, step):
        """Enrolments in the course of this step, read in the same query as them
        (the step's parent is the course)."""
        parent = Page.objects.filter(path=step.path[: -step.steplen])
        return self.filter(course_key=Subquery(parent.values("translation_key")[:1]))

    def assigned(self):
        """Enrolments with a due date: assignments."""
        return self.filter(due_at__isnull=False)

    def with_completion_flag(self):
        """Annotated with `has_completions`, so that their completions are loaded
        only for the enrolments that have some (see state.load_completions)."""
        return self.annotate(
            has_completions=Exists(
                CourseCompletion.objects.filter(enrolment=OuterRef("pk"))
            )
        )

    def not_completed(self):
        return self.exclude(
            Exists(CourseCompletion.objects.filter(enrolment=OuterRef("pk")))
        )

    def overdue(self, now):
        """Active assignments past their due date and not completed."""
        return self.active().not_completed().filter(due_at__lt=now)

    def due_soon(self, now, within):
        """Active assignments not completed, due from now until `within` from now."""
        return (
            self.active()
            .not_completed()
            .filter(due_at__gte=now, due_at__lte=now + within)
        )


class Enrolment(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course_key = models.UUIDField(db_index=True)
    course = models.ForeignKey(
        "courses.CoursePage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page enrolled from; records use course_key."),
    )
    # The content language ("en", "fr") of the course pages the learner last
    # read: reports show each course once, with the language it is taken in.
    language = models.CharField(_("language"), max_length=10, blank=True)
    source = models.CharField(
        max_length=10, choices=EnrolmentSource.choices, default=EnrolmentSource.SELF
    )
    status = models.CharField(
        max_length=10, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ACTIVE
    )
    enrolled_at = models.DateTimeField()
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who enrolled the learner, when it was not the learner."),
    )
    due_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # Re-certification starts a new cycle: the steps are taken again, and the
    # attempts that count are those since the cycle started.
    cycle = models.PositiveSmallIntegerField(default=1)
    cycle_started_at = models.DateTimeField(null=True, blank=True)
    # When each assignment reminder went out, so that none is sent twice.
    due_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    overdue_reminder_sent_at = models.DateTimeField(null=True, blank=True)

    objects = EnrolmentQuerySet.as_manager()
    wagtail_reference_index_ignore = True

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "course_key"],
                condition=Q(status="active"),
                name="progress_one_active_enrolment",
            )
        ]
        indexes = [
            # The completion report's default order (newest first, then by id): a
            # page is read from the index instead of sorting every enrolment.
            models.Index(fields=["-enrolled_at", "id"], name="progress_enrolled_at_idx")
        ]

    def __str__(self):
        return f"{self.learner} – {self.course}"


class StepProgress(models.Model):
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="step_progress"
    )
    step_key = models.UUIDField()
    cycle = models.PositiveSmallIntegerField(default=1)
    started_at = models.DateTimeField()
    last_visited_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "step_key", "cycle"],
                name="progress_step_once_per_cycle",
            )
        ]

    def __str__(self):
        return f"{self.enrolment}: {self.step_key}"


class CourseCompletion(models.Model):
    """Written once per completion cycle of an enrolment (re-certification starts a
    new cycle), when the course's completion rule is met."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="completions"
    )
    cycle = models.PositiveSmallIntegerField(default=1)
    completed_at = models.DateTimeField()
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    hours = models.DecimalField(max_digits=4, decimal_places=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "cycle"], name="progress_completion_once_per_cycle"
            )
        ]

    def __str__(self):
        return f"{self.enrolment} (cycle {self.cycle})"


class EnrolmentImportStatus(models.TextChoices):
    VALIDATING = "validating", _("Checking the file")
    READY = "ready", _("Ready to apply")
    INVALID = "invalid", _("Has errors")
    APPLYING = "applying", _("Applying")
    DONE = "done", _("Applied")
    FAILED = "failed", _("Failed")


class EnrolmentImportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Superusers see every import; anyone else only the imports they uploaded."""
        if user.is_superuser:
            return self.all()
        return self.filter(uploaded_by=user)


class EnrolmentImport(models.Model):
    """A CSV of people to enrol in one course: checked row by row into `report`,
    then applied all at once (or not at all) when the uploader confirms."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    course_key = models.UUIDField(db_index=True)
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    filename = models.CharField(_("file name"), max_length=255)
    csv_text = models.TextField(help_text=_("The uploaded file, as decoded."))
    default_due_date = models.DateField(_("default due date"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EnrolmentImportStatus.choices,
        default=EnrolmentImportStatus.VALIDATING,
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_processed = models.PositiveIntegerField(_("rows checked"), default=0)
    # One entry per row: {"line", "email", "outcome", "reasons", "cells"}.
    report = models.JSONField(default=list, blank=True)
    # Rows per outcome: create, enrol, due_change, unchanged, error.
    counts = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("uploaded at"))
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    error_message = models.TextField(_("error"), blank=True)

    objects = EnrolmentImportQuerySet.as_manager()
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("enrolment import")
        verbose_name_plural = _("enrolment imports")

    def __str__(self):
        return f"{self.filename} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_running(self):
        return self.status in (
            EnrolmentImportStatus.VALIDATING,
            EnrolmentImportStatus.APPLYING,
        )

    def count(self, outcome):
        return self.counts.get(outcome, 0)
