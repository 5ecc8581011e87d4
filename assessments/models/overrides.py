from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExtraAttempts(models.Model):
    """Attempts granted to one learner at one quiz, beyond the quiz's own limit."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    quiz = models.ForeignKey(
        "assessments.QuizPage",
        verbose_name=_("quiz"),
        on_delete=models.CASCADE,
        related_name="extra_attempts",
    )
    attempts = models.PositiveSmallIntegerField(
        _("extra attempts"), default=1, validators=[MinValueValidator(1)]
    )
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(auto_now_add=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("extra attempts")
        verbose_name_plural = _("extra attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "quiz"], name="assessments_extra_attempts_once"
            )
        ]

    def __str__(self):
        return f"{self.learner} – {self.quiz}: +{self.attempts}"


class ExtraTime(models.Model):
    """An accommodation: more time on every timed attempt of one learner."""

    learner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="quiz_extra_time",
    )
    percent = models.PositiveSmallIntegerField(
        _("extra time (%)"),
        default=25,
        validators=[MinValueValidator(1), MaxValueValidator(400)],
        help_text=_("25 gives a 20-minute quiz 25 minutes."),
    )
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("extra time")
        verbose_name_plural = _("extra time")

    def __str__(self):
        return f"{self.learner}: +{self.percent}%"
