import random
from datetime import timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin

from courses.blocks import INLINE_FEATURES
from courses.models import CourseStep

from .attempts import Attempt
from .overrides import ExtraAttempts, ExtraTime


class ReviewPolicy(models.TextChoices):
    NEVER = "never", _("Never")
    AFTER_EACH_ATTEMPT = "after_each_attempt", _("After each attempt")
    AFTER_PASSING = "after_passing", _("Once the learner has passed")
    AFTER_LAST_ATTEMPT = "after_last_attempt", _("After the last allowed attempt")


class QuizPage(CourseStep):
    """A step of a course: fixed questions and random draws from the bank."""

    intro = RichTextField(_("introduction"), blank=True, features=INLINE_FEATURES)
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated time (minutes)"), default=10
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=70,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for unlimited attempts. The best attempt counts."),
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no time limit."),
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=False)
    review_policy = models.CharField(
        _("show answers and feedback"),
        max_length=30,
        choices=ReviewPolicy.choices,
        default=ReviewPolicy.AFTER_EACH_ATTEMPT,
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("estimated_minutes"),
        InlinePanel("quiz_questions", heading=_("Questions"), label=_("Question")),
        InlinePanel(
            "draws",
            heading=_("Random questions from the bank"),
            label=_("Random draw"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("attempts_allowed"),
                FieldPanel("time_limit_minutes"),
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_choices"),
                FieldPanel("review_policy"),
            ],
            heading=_("Settings"),
        ),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []
    preview_modes = [
        ("", _("Quiz page")),
        ("questions", _("Questions, as a learner sees them")),
    ]

    class Meta:
        verbose_name = _("quiz")

    def question_count(self):
        fixed = len(self.quiz_questions.all())
        return fixed + sum(draw.count for draw in self.draws.all())

    def attempts_left(self, learner):
        """None when attempts are unlimited."""
        if self.attempts_allowed is None:
            return None
        used = Attempt.objects.for_learner(learner, self).counted()
        if since := self.attempts_count_from(learner):
            used = used.filter(started_at__gte=since)
        used = used.count()
        extra = sum(
            ExtraAttempts.objects.filter(
                learner=learner, quiz__translation_key=self.translation_key
            ).values_list("attempts", flat=True)
        )
        return max(0, self.attempts_allowed + extra - used)

    def attempts_count_from(self, learner):
        """When the learner's attempts start counting towards the limit: apps above
        may say (e.g. a re-certification cycle's start, from progress); else always."""
        for count_from in hooks.get_hooks("quiz_attempts_count_from"):
            if since := count_from(self, learner):
                return since
        return None

    def time_limit_for(self, learner):
        """The time limit for this learner, with any extra time they are granted."""
        if not self.time_limit_minutes:
            return None
        extra = ExtraTime.objects.filter(learner=learner).first()
        percent = 100 + (extra.percent if extra else 0)
        return timedelta(minutes=self.time_limit_minutes * percent / 100)

    def serve_preview(self, request, mode_name):
        if mode_name != "questions":
            return super().serve_preview(request, mode_name)
        from ..review import public_questions
        from ..services import draw_questions, freeze_for_attempt

        rng = random.Random()
        questions = freeze_for_attempt(draw_questions(self, rng), self, rng)
        context = {"page": self, "questions": public_questions(questions, {})}
        return render(request, "assessments/quiz_preview.html", context)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if request.user.is_authenticated:
            attempts = list(Attempt.objects.for_learner(request.user, self).counted())
            finished = [a for a in attempts if not a.is_open]
            context.update(
                attempts=attempts,
                open_attempt=next((a for a in attempts if a.is_open), None),
                best=max(finished, key=lambda a: a.score, default=None),
                attempts_left=self.attempts_left(request.user),
            )
        return context


class QuizQuestion(TranslatableMixin, Orderable):
    """Translatable so that translating a quiz (wagtail-localize) translates its
    questions with it and points the translation at them."""

    quiz = ParentalKey(
        QuizPage, on_delete=models.CASCADE, related_name="quiz_questions"
    )
    question = models.ForeignKey(
        "assessments.Question",
        verbose_name=_("question"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    panels = [FieldPanel("question")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "question"], name="assessments_quiz_question_once"
            )
        ]


class QuizDraw(Orderable):
    """'N random questions tagged T', drawn afresh for every attempt."""

    quiz = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="draws")
    tag = models.ForeignKey(
        "taggit.Tag",
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    count = models.PositiveSmallIntegerField(
        _("number of questions"), default=1, validators=[MinValueValidator(1)]
    )

    panels = [FieldPanel("tag"), FieldPanel("count")]
