from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AttemptStatus(models.TextChoices):
    OPEN = "open", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    EXPIRED = "expired", _("Closed at the time limit")
    VOIDED = "voided", _("Reset by an administrator")


class AttemptQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=AttemptStatus.OPEN)

    def finished(self):
        return self.filter(status__in=[AttemptStatus.SUBMITTED, AttemptStatus.EXPIRED])

    def counted(self):
        """Attempts that use up the allowance: all but those an administrator reset."""
        return self.exclude(status=AttemptStatus.VOIDED)

    def for_quiz(self, quiz):
        """Attempts at the quiz in any of its languages."""
        return self.filter(quiz_key=quiz.translation_key)

    def for_learner(self, learner, quiz):
        return self.for_quiz(quiz).filter(learner=learner)


class Attempt(models.Model):
    """One try at a quiz. `questions` freezes what the learner was given (order,
    choices, answer key), so that editing the quiz never changes a started attempt.
    The answer key in it never reaches the browser before review allows.

    `quiz` is the page the attempt was started on, in the language its questions
    are frozen in; `quiz_key` (the translation key every translation of the quiz
    shares) is what numbering, limits and scores count by, so that a learner has
    one set of attempts whichever language they read."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    quiz = models.ForeignKey(
        "assessments.QuizPage", on_delete=models.CASCADE, related_name="attempts"
    )
    quiz_key = models.UUIDField()
    number = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=12, choices=AttemptStatus.choices, default=AttemptStatus.OPEN
    )
    started_at = models.DateTimeField()
    deadline = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    questions = models.JSONField()
    answers = models.JSONField(default=dict)
    results = models.JSONField(default=dict)
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True)

    objects = AttemptQuerySet.as_manager()
    # Learner records, not content: Wagtail's usage index need not track them.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["quiz_key", "learner", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "quiz_key", "number"],
                name="assessments_attempt_number",
            ),
            models.UniqueConstraint(
                fields=["learner", "quiz_key"],
                condition=Q(status="open"),
                name="assessments_one_open_attempt",
            ),
        ]

    def __str__(self):
        return f"{self.learner} – {self.quiz} #{self.number}"

    def save(self, *args, **kwargs):
        if self.quiz_key is None:
            self.quiz_key = self.quiz.translation_key
        super().save(*args, **kwargs)

    @property
    def is_open(self):
        return self.status == AttemptStatus.OPEN
