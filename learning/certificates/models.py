"""Certificate templates (designed by authors) and the certificates issued from them,
one per course completion."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
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


class PaperSize(models.TextChoices):
    A4 = "A4", _("A4")
    LETTER = "letter", _("US Letter")


class Orientation(models.TextChoices):
    LANDSCAPE = "landscape", _("Landscape")
    PORTRAIT = "portrait", _("Portrait")


class CertificateTemplate(ClusterableModel):
    name = models.CharField(_("name"), max_length=100, unique=True)
    title_wording = models.CharField(
        _("title"), max_length=120, default="Certificate of completion"
    )
    body_wording = models.TextField(
        _("body"),
        default=(
            "This is to certify that {learner_name} has completed the course "
            "{course} on {completion_date}, a programme of {hours} hours."
        ),
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
