"""Report exports (a status row per export, the file of a large one) and weekly
report subscriptions."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def private_storage():
    """Exports name learners: they live outside the public media, served only to
    whoever asked for them."""
    return storages["private"]


class ReportKind(models.TextChoices):
    COMPLETION = "completion", _("Completion report")
    COURSE_SUMMARY = "course_summary", _("Course summary")


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    STREAMED = "streamed", _("Downloaded at once")


UNFINISHED = [ExportStatus.QUEUED, ExportStatus.RUNNING]


class ReportExportQuerySet(models.QuerySet):
    def unfinished(self):
        return self.filter(status__in=UNFINISHED)


class ReportExport(models.Model):
    """One export of a report with the filters it had. Small exports stream at
    once and leave only this row; large ones are written by a Celery job into
    `file`, which only the requester may download until `expires_at`."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    report = models.CharField(_("report"), max_length=20, choices=ReportKind.choices)
    format = models.CharField(_("format"), max_length=4, choices=ExportFormat.choices)
    query = models.TextField(
        _("filters"), blank=True, help_text=_("The report's query string.")
    )
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    # The requester, report, format and filters, hashed: one unfinished job each.
    fingerprint = models.CharField(max_length=64)
    time_zone = models.CharField(max_length=64, default="UTC")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ExportStatus.choices,
        default=ExportStatus.QUEUED,
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to="report-exports/", blank=True
    )
    created_at = models.DateTimeField(_("requested at"))
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("link expires at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    objects = ReportExportQuerySet.as_manager()
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report export")
        verbose_name_plural = _("report exports")
        constraints = [
            models.UniqueConstraint(
                fields=["requested_by", "fingerprint"],
                condition=Q(status__in=["queued", "running"]),
                name="reports_one_unfinished_export_per_request",
            )
        ]
        permissions = [
            (
                "view_course_summary",
                _("Can view course summaries (aggregates, no learner named)"),
            ),
            (
                "view_completion_report",
                _("Can view the completion report, which names learners"),
            ),
            (
                "report_on_all_organisations",
                _("Can report on the learners of every organisation"),
            ),
        ]

    def __str__(self):
        return f"{self.get_report_display()} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_running(self):
        return self.status in UNFINISHED

    @property
    def percent(self):
        if not self.rows_total:
            return 100 if self.status == ExportStatus.DONE else 0
        return min(100, round(100 * self.rows_done / self.rows_total))

    def is_expired(self, now):
        return self.expires_at is not None and self.expires_at <= now


class ReportSubscription(models.Model):
    """A weekly email with a link to the completion report of a course, of an
    organisation (with those below it), or of a course within an organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="report_subscriptions",
    )
    course_key = models.UUIDField(null=True, blank=True)
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("subscribed at"))
    last_sent_at = models.DateTimeField(_("last sent at"), null=True, blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report subscription")
        verbose_name_plural = _("report subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=Q(course_key__isnull=False) | Q(organisation__isnull=False),
                name="reports_subscription_has_a_subject",
            ),
            # One subscription per subject (NULLs are distinct in a unique
            # constraint, hence one constraint per shape of subject).
            models.UniqueConstraint(
                fields=["user", "course_key"],
                condition=Q(organisation__isnull=True),
                name="reports_one_subscription_per_course",
            ),
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=Q(course_key__isnull=True),
                name="reports_one_subscription_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["user", "course_key", "organisation"],
                name="reports_one_subscription_per_course_and_organisation",
            ),
        ]

    def __str__(self):
        parts = [str(part) for part in (self.course, self.organisation) if part]
        return " – ".join(parts)
