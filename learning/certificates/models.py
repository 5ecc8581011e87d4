"""Certificate templates (designed by authors) and the certificates issued from them,
one per course completion."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

# The only words a template's body may stand in for; replaced as plain text.
PLACEHOLDERS = {
    "learner_name": _("the learner's name as printed"),
    "course": _("the course title"),
    "completion_date": _("the date the course was completed"),
    "hours": _("the course's hours"),
    "score": _("the course score"),
    "expiry_date": _("the date the certificate expires"),
}
PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")

# The shipped wording, stored in English: a template that keeps it prints its
# catalogue translation in the certificate's language (rendering.wording_for).
DEFAULT_TITLE_WORDING = gettext_noop("Certificate of completion")
DEFAULT_BODY_WORDING = gettext_noop(
    "This is to certify that {learner_name} has completed the course "
    "{course} on {completion_date}, a programme of {hours} hours."
)


def validate_placeholders(wording):
    """Refuse words in braces that name no placeholder (a typo, or a placeholder
    translated along with the wording): they would print as written."""
    unknown = sorted(set(PLACEHOLDER_RE.findall(wording)) - set(PLACEHOLDERS))
    if unknown:
        raise ValidationError(
            _("Unknown placeholders: %(unknown)s. Use only %(known)s."),
            code="unknown_placeholder",
            params={
                "unknown": ", ".join(f"{{{name}}}" for name in unknown),
                "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
            },
        )


class PaperSize(models.TextChoices):
    A4 = "A4", _("A4")
    LETTER = "letter", _("US Letter")


class Orientation(models.TextChoices):
    LANDSCAPE = "landscape", _("Landscape")
    PORTRAIT = "portrait", _("Portrait")


class CertificateTemplate(ClusterableModel):
    name = models.CharField(_("name"), max_length=100, unique=True)
    title_wording = models.CharField(
        _("title"), max_length=120, default=DEFAULT_TITLE_WORDING
    )
    body_wording = models.TextField(
        _("body"),
        default=DEFAULT_BODY_WORDING,
        validators=[validate_placeholders],
        help_text=_(
            "Plain text. These words in braces are replaced: {learner_name}, "
            "{course}, {completion_date}, {hours}, {score}, {expiry_date}."
        ),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty for the Staff College's emblem."),
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default="#009edb",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("A colour like #009edb."))],
    )
    paper_size = models.CharField(
        _("paper"), max_length=10, choices=PaperSize.choices, default=PaperSize.A4
    )
    orientation = models.CharField(
        _("orientation"),
        max_length=10,
        choices=Orientation.choices,
        default=Orientation.LANDSCAPE,
    )
    is_default = models.BooleanField(
        _("default template"),
        default=False,
        help_text=_("Used by every course that no template names."),
    )
    courses = ParentalManyToManyField(
        "courses.CoursePage",
        verbose_name=_("courses"),
        blank=True,
        related_name="+",
        help_text=_("The courses whose certificates use this template."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="certificates_one_default_template",
            )
        ]

    def __str__(self):
        return self.name


class Signatory(Orderable):
    template = ParentalKey(
        CertificateTemplate, on_delete=models.CASCADE, related_name="signatories"
    )
    name = models.CharField(_("name"), max_length=120)
    title = models.CharField(_("title"), max_length=160)
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    def __str__(self):
        return self.name


class CertificateWording(Orderable):
    """The template's wording in another language, printed on certificates in
    that language instead of the template's own wording."""

    template = ParentalKey(
        CertificateTemplate, on_delete=models.CASCADE, related_name="wordings"
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.WAGTAIL_CONTENT_LANGUAGES
    )
    title_wording = models.CharField(_("title"), max_length=120)
    body_wording = models.TextField(_("body"), validators=[validate_placeholders])

    class Meta(Orderable.Meta):
        verbose_name = _("wording in another language")
        verbose_name_plural = _("wordings in other languages")
        constraints = [
            models.UniqueConstraint(
                fields=["template", "language"],
                name="certificates_one_wording_per_language",
            )
        ]

    def __str__(self):
        return f"{self.template} ({self.language})"


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    REVOKED = "revoked", _("Revoked")


class CertificateQuerySet(models.QuerySet):
    def for_learner(self, user):
        return self.filter(completion__enrolment__learner=user)


class Certificate(models.Model):
    """What was printed, frozen at issue: later edits to the learner's name, the
    course or the template change nothing until an administrator reissues it."""

    completion = models.OneToOneField(
        "progress.CourseCompletion",
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    code = models.CharField(_("verification code"), max_length=32, unique=True)
    template = models.ForeignKey(
        CertificateTemplate, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    name_printed = models.CharField(_("name as printed"), max_length=150)
    course_title = models.CharField(_("course"), max_length=255)
    language = models.CharField(max_length=10, default="en")
    completed_at = models.DateTimeField(_("completed at"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1)
    score = models.DecimalField(
        _("score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued at"))
    file = models.FileField(_("PDF"), upload_to="certificates/%Y/%m/", blank=True)
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    version = models.PositiveSmallIntegerField(
        default=1, help_text=_("Raised by each reissue; the code stays.")
    )
    status = models.CharField(
        max_length=10,
        choices=CertificateStatus.choices,
        default=CertificateStatus.VALID,
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoke_reason = models.TextField(blank=True)
    # When each expiry reminder went out (days before expiry → time), none twice.
    expiry_reminders_sent = models.JSONField(default=dict, blank=True)

    objects = CertificateQuerySet.as_manager()
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return f"{self.name_printed} – {self.course_title} ({self.code})"


class RegenerationStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class RegenerationJobQuerySet(models.QuerySet):
    def unfinished(self):
        return self.filter(
            status__in=[RegenerationStatus.QUEUED, RegenerationStatus.RUNNING]
        )


class RegenerationJob(models.Model):
    """An administrator's request to reissue every valid certificate of a course
    (after a template fix, say), worked through by a Celery task that writes its
    progress here. At most one job per course is queued or running at a time."""

    course_key = models.UUIDField(db_index=True)
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    course_title = models.CharField(_("course"), max_length=255)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RegenerationStatus.choices,
        default=RegenerationStatus.QUEUED,
    )
    total = models.PositiveIntegerField(_("certificates"), default=0)
    done_count = models.PositiveIntegerField(_("reissued"), default=0)
    created_at = models.DateTimeField(_("requested at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    objects = RegenerationJobQuerySet.as_manager()
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("certificate regeneration")
        verbose_name_plural = _("certificate regenerations")
        constraints = [
            models.UniqueConstraint(
                fields=["course_key"],
                condition=Q(status__in=["queued", "running"]),
                name="certificates_one_unfinished_regeneration_per_course",
            )
        ]

    def __str__(self):
        return f"{self.course_title} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_running(self):
        return self.status in (RegenerationStatus.QUEUED, RegenerationStatus.RUNNING)

    @property
    def percent(self):
        if not self.total:
            return 100 if self.status == RegenerationStatus.DONE else 0
        return round(100 * self.done_count / self.total)


class RegeneratedCertificate(models.Model):
    """A certificate a job has reissued: a job redelivered or run twice skips it."""

    job = models.ForeignKey(
        RegenerationJob, on_delete=models.CASCADE, related_name="items"
    )
    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["job", "certificate"],
                name="certificates_regenerated_once_per_job",
            )
        ]

    def __str__(self):
        return f"{self.job} – {self.certificate_id}"
