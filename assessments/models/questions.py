from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.fields import RichTextField
from wagtail.models import Orderable, RevisionMixin, TranslatableMixin
from wagtail.search import index

from courses.blocks import INLINE_FEATURES
from courses.rich_text import sanitise


class QuestionType(models.TextChoices):
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_RESPONSE = "multiple_response", _("Multiple response")
    TRUE_FALSE = "true_false", _("True or false")
    NUMERIC = "numeric", _("Numeric")
    SHORT_TEXT = "short_text", _("Short text")


CHOICE_TYPES = {QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE}


class QuestionTag(TaggedItemBase):
    content_object = ParentalKey(
        "assessments.Question", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Question(TranslatableMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """A question in the bank. Its row id is its identity: quizzes, attempts and item
    statistics refer to it, whatever later edits change. Its translations (one row
    per language, sharing a translation key) are the same question for item
    statistics and draws."""

    title = models.CharField(
        _("name"),
        max_length=200,
        help_text=_(
            "How authors find the question in the bank; learners never see it."
        ),
    )
    question_type = models.CharField(
        _("type"), max_length=20, choices=QuestionType.choices
    )
    prompt = RichTextField(_("question"), features=INLINE_FEATURES)
    points = models.PositiveSmallIntegerField(_("points"), default=1)
    general_feedback = models.TextField(
        _("general feedback"),
        blank=True,
        help_text=_("Shown with the answer, when the quiz's review policy allows."),
    )
    partial_credit = models.BooleanField(
        _("partial credit"),
        default=False,
        help_text=_(
            "Multiple response only. Off: all or nothing. On: (correct choices picked "
            "− wrong choices picked) ÷ correct choices, never below zero."
        ),
    )
    true_false_answer = models.BooleanField(
        _("the statement is true"), null=True, blank=True
    )
    numeric_answer = models.DecimalField(
        _("answer"), max_digits=20, decimal_places=6, null=True, blank=True
    )
    numeric_tolerance = models.DecimalField(
        _("tolerance"),
        max_digits=20,
        decimal_places=6,
        default=0,
        help_text=_("Answers within the answer ± this margin are right."),
    )
    tolerance_is_percent = models.BooleanField(
        _("tolerance is a percentage of the answer"), default=False
    )
    accepted_answers = models.TextField(
        _("accepted answers"),
        blank=True,
        help_text=_(
            "Short text: one accepted answer per line. Case, extra spaces and "
            "compatibility forms (e.g. full-width letters) are ignored; accents count "
            "unless you tick “ignore accents”."
        ),
    )
    ignore_accents = models.BooleanField(_("ignore accents"), default=False)
    tags = ClusterTaggableManager(
        verbose_name=_("topics"), through=QuestionTag, blank=True
    )

    search_fields = [
        index.SearchField("title"),
        index.SearchField("prompt"),
        index.FilterField("question_type"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["title"]
        verbose_name = _("question")
        verbose_name_plural = _("question bank")

    def __str__(self):
        return self.title

    @property
    def accepted_answer_list(self):
        return [
            line.strip() for line in self.accepted_answers.splitlines() if line.strip()
        ]

    def clean(self):
        super().clean()
        if (
            self.question_type == QuestionType.TRUE_FALSE
            and self.true_false_answer is None
        ):
            raise ValidationError(
                {"true_false_answer": _("Say whether the statement is true or false.")}
            )
        if self.question_type == QuestionType.NUMERIC and self.numeric_answer is None:
            raise ValidationError({"numeric_answer": _("Give the expected number.")})
        if self.numeric_tolerance is not None and self.numeric_tolerance < 0:
            raise ValidationError(
                {"numeric_tolerance": _("A tolerance cannot be negative.")}
            )
        if (
            self.question_type == QuestionType.SHORT_TEXT
            and not self.accepted_answer_list
        ):
            raise ValidationError(
                {"accepted_answers": _("Give at least one accepted answer.")}
            )

    def save(self, *args, **kwargs):
        # Prompts can arrive from imports and seeds, not only from the editor.
        self.prompt = sanitise(self.prompt)
        super().save(*args, **kwargs)

    def clean_choices(self, choices):
        """Choices as the editor submitted them: (text, is_correct) pairs."""
        if self.question_type not in CHOICE_TYPES:
            return
        if len(choices) < 2:
            raise ValidationError(_("A choice question needs at least two choices."))
        correct = sum(1 for _text, is_correct in choices if is_correct)
        if self.question_type == QuestionType.SINGLE_CHOICE and correct != 1:
            raise ValidationError(_("Mark exactly one choice as correct."))
        if self.question_type == QuestionType.MULTIPLE_RESPONSE and correct < 1:
            raise ValidationError(_("Mark at least one choice as correct."))

    def freeze(self):
        """Everything needed to show and score this question, as plain data.

        An attempt keeps this copy, so later edits never change it. The answer key
        lives here too: templates and JSON for learners must use `public_view`."""
        return {
            "id": self.pk,
            "key": str(self.translation_key),
            "type": self.question_type,
            "prompt": self.prompt,
            "points": self.points,
            "general_feedback": self.general_feedback,
            "partial_credit": self.partial_credit,
            "choices": [
                {
                    "id": c.pk,
                    "key": str(c.translation_key),
                    "text": c.text,
                    "correct": c.is_correct,
                    "feedback": c.feedback,
                }
                for c in self.choices.all()
            ],
            "true_false_answer": self.true_false_answer,
            "numeric_answer": (
                str(self.numeric_answer) if self.numeric_answer is not None else None
            ),
            "numeric_tolerance": str(self.numeric_tolerance),
            "tolerance_is_percent": self.tolerance_is_percent,
            "accepted_answers": self.accepted_answer_list,
            "ignore_accents": self.ignore_accents,
        }


class Choice(TranslatableMixin, Orderable):
    """A choice's translations share its translation key: statistics count them as
    one choice, and `is_correct` is synchronised from the source language."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("choice"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)
    feedback = models.CharField(
        _("feedback"),
        max_length=500,
        blank=True,
        help_text=_("Shown to a learner who picked this choice, when review allows."),
    )

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("choice")

    def __str__(self):
        return self.text
